package io.podsnap.api.v1alpha1;

import io.fabric8.kubernetes.api.model.Namespaced;
import io.fabric8.kubernetes.client.CustomResource;
import io.fabric8.kubernetes.model.annotation.Group;
import io.fabric8.kubernetes.model.annotation.ShortNames;
import io.fabric8.kubernetes.model.annotation.Version;

@Group("nvidia.com")
@Version("v1alpha1")
@ShortNames("dckpt")
public class DynamoCheckpoint extends CustomResource<DynamoCheckpointSpec, DynamoCheckpointStatus> implements Namespaced {
}
