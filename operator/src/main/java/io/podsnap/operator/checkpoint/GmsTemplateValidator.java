package io.podsnap.operator.checkpoint;

import io.podsnap.api.v1alpha1.DynamoCheckpoint;
import java.util.List;

/**
 * STUB CONTRACT (being implemented): checks that a GMS-enabled DynamoCheckpoint's pod template is already prepared
 * (operator doc §9.4). Signature is fixed.
 */
public final class GmsTemplateValidator {
    private GmsTemplateValidator() {}

    /** Every wiring problem, with field paths; empty when prepared or when GMS is not enabled. */
    public static List<String> problems(DynamoCheckpoint checkpoint) {
        return List.of();
    }
}
