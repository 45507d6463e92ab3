package io.podsnap.protocol.identity;

import io.podsnap.api.v1alpha1.DynamoCheckpointIdentity;
import java.util.Map;
import java.util.Objects;

/**
 * The legacy checkpoint ID of a standalone DynamoCheckpoint: a hash of its {@code spec.identity}. Existing
 * artifacts on shared storage are keyed by this value, so it must equal what the Go operator computes, bit for
 * bit (dynamo-operator-checkpoint.md §4.1).
 */
public final class IdentityHash {
    private IdentityHash() {}

    /** Number of hex characters kept (state B onwards; state A kept 12). */
    public static final int LENGTH = 16;

    /** The 16-hex-character identity hash. */
    public static String of(DynamoCheckpointIdentity identity) {
        return Sha256.hexPrefix(canonicalJson(identity).toBytes(), LENGTH);
    }

    /**
     * The exact JSON document that is hashed. Field order is the Go struct's; TP and PP of 0 or unset mean 1 (the
     * CRD default), so a checkpoint hashes the same before and after defaulting.
     */
    public static GoJsonWriter canonicalJson(DynamoCheckpointIdentity identity) {
        Objects.requireNonNull(identity, "identity");
        GoJsonWriter json = new GoJsonWriter().beginObject()
                .field("model", identity.getModel())
                .field("backendFramework", identity.getBackendFramework());
        if (notEmpty(identity.getDynamoVersion())) {
            json.field("dynamoVersion", identity.getDynamoVersion());
        }
        json.field("tensorParallelSize", atLeastOne(identity.getTensorParallelSize()))
                .field("pipelineParallelSize", atLeastOne(identity.getPipelineParallelSize()));
        if (notEmpty(identity.getDtype())) {
            json.field("dtype", identity.getDtype());
        }
        if (identity.getMaxModelLen() != null && identity.getMaxModelLen() != 0) {
            json.field("maxModelLen", identity.getMaxModelLen());
        }
        Map<String, String> extra = identity.getExtraParameters();
        if (extra != null && !extra.isEmpty()) {
            json.field("extraParameters", extra);
        }
        return json.endObject();
    }

    private static int atLeastOne(Integer size) {
        // Only 0 is normalised, as in Go; a negative size is invalid input the webhook rejects, and hashing it
        // as written keeps us equal to the operator for whatever got through.
        return size == null || size == 0 ? 1 : size;
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
