package io.podsnap.protocol.identity;

/**
 * The checkpoint ID of an automatic (DGD-managed) checkpoint (dynamo-operator-checkpoint.md §4.3). The DGD UID
 * keeps two deployments of the same name from sharing artifacts; the worker hash gives every rollout generation
 * a fresh checkpoint. Empty {@code namespace}, {@code dgdUID} and {@code workerHash} are left out of the hashed
 * document, as Go's {@code omitempty} does.
 *
 * @param namespace     the Dynamo namespace (optional)
 * @param dgdName       the DynamoGraphDeployment name
 * @param dgdUid        the DynamoGraphDeployment UID (optional, but always set by the operator)
 * @param componentName the DGD component (service) name
 * @param workerHash    the active worker generation hash for worker components, empty for others
 */
public record DgdCheckpointId(String namespace, String dgdName, String dgdUid, String componentName, String workerHash) {

    /** Number of hex characters kept. */
    public static final int LENGTH = 32;

    /** The 32-hex-character checkpoint ID. */
    public String id() {
        return Sha256.hexPrefix(canonicalJson().toBytes(), LENGTH);
    }

    /** The exact JSON document that is hashed. */
    public GoJsonWriter canonicalJson() {
        GoJsonWriter json = new GoJsonWriter().beginObject();
        if (notEmpty(namespace)) {
            json.field("namespace", namespace);
        }
        json.field("dgdName", dgdName);
        if (notEmpty(dgdUid)) {
            json.field("dgdUID", dgdUid);
        }
        json.field("componentName", componentName);
        if (notEmpty(workerHash)) {
            json.field("workerHash", workerHash);
        }
        return json.endObject();
    }

    private static boolean notEmpty(String s) {
        return s != null && !s.isEmpty();
    }
}
