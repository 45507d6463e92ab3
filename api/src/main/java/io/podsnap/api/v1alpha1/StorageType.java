package io.podsnap.api.v1alpha1;

/** Deprecated {@code status.storageType} of a DynamoCheckpoint; kept so old objects still validate. */
public enum StorageType {
    pvc, s3, oci
}
