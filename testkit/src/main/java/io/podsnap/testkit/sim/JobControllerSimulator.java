package io.podsnap.testkit.sim;

import io.fabric8.kubernetes.api.model.ContainerStatusBuilder;
import io.fabric8.kubernetes.api.model.OwnerReferenceBuilder;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.api.model.PodBuilder;
import io.fabric8.kubernetes.api.model.PodCondition;
import io.fabric8.kubernetes.api.model.PodConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobCondition;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Stands in for the Job controller, the scheduler and the kubelet, which the mock API server does not have (see
 * {@code MockApiServer}). For every Job it creates one pod from the Job's template — labelled
 * {@code batch.kubernetes.io/job-name}, controlled by the Job, bound to {@code nodeName}, Running with all
 * containers Ready — and when that pod reaches Succeeded or Failed it sets the Job's {@code Complete} or
 * {@code Failed} condition. Just enough of Kubernetes to drive a checkpoint through its phases; the real thing
 * runs in the cluster tests.
 */
public final class JobControllerSimulator implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(JobControllerSimulator.class);
    public static final String JOB_NAME_LABEL = "batch.kubernetes.io/job-name";

    private final KubernetesClient client;
    private final String nodeName;
    private final SharedIndexInformer<Job> jobs;
    private final SharedIndexInformer<Pod> pods;
    private final AtomicInteger podsCreated = new AtomicInteger();

    private JobControllerSimulator(KubernetesClient client, String nodeName) {
        this.client = client;
        this.nodeName = nodeName;
        this.jobs = client.batch().v1().jobs().inAnyNamespace().inform(new ResourceEventHandler<>() {
            @Override public void onAdd(Job job) { createPod(job); }
            @Override public void onUpdate(Job oldJob, Job job) {}
            @Override public void onDelete(Job job, boolean unknown) {}
        });
        this.pods = client.pods().inAnyNamespace().withLabel(JOB_NAME_LABEL).inform(new ResourceEventHandler<>() {
            @Override public void onAdd(Pod pod) { finishJobIfPodDone(pod); }
            @Override public void onUpdate(Pod oldPod, Pod pod) { finishJobIfPodDone(pod); }
            @Override public void onDelete(Pod pod, boolean unknown) {}
        });
    }

    /** Starts watching Jobs in all namespaces; every Job's pod lands on {@code nodeName}. */
    public static JobControllerSimulator start(KubernetesClient client, String nodeName) {
        return new JobControllerSimulator(client, nodeName);
    }

    /** How many Job pods this simulator created. */
    public int podsCreated() {
        return podsCreated.get();
    }

    private void createPod(Job job) {
        var template = job.getSpec().getTemplate();
        String jobName = job.getMetadata().getName();
        Map<String, String> labels = new HashMap<>(template.getMetadata() == null || template.getMetadata().getLabels() == null
                ? Map.of() : template.getMetadata().getLabels());
        labels.put(JOB_NAME_LABEL, jobName);
        labels.put("batch.kubernetes.io/controller-uid", job.getMetadata().getUid());
        String now = Instant.now().toString();
        Pod pod = new PodBuilder()
                .withNewMetadata()
                    .withName(jobName + "-" + Integer.toHexString(jobName.hashCode() & 0xfffff))
                    .withNamespace(job.getMetadata().getNamespace())
                    .withLabels(labels)
                    .withAnnotations(template.getMetadata() == null ? null : template.getMetadata().getAnnotations())
                    .withOwnerReferences(new OwnerReferenceBuilder().withApiVersion("batch/v1").withKind("Job")
                            .withName(jobName).withUid(job.getMetadata().getUid()).withController(true)
                            .withBlockOwnerDeletion(true).build())
                .endMetadata()
                .withSpec(template.getSpec())
                .editSpec().withNodeName(nodeName).endSpec()
                .build();
        try {
            Pod created = client.pods().inNamespace(pod.getMetadata().getNamespace()).resource(pod).create();
            podsCreated.incrementAndGet();
            created.setStatus(new io.fabric8.kubernetes.api.model.PodStatusBuilder()
                    .withPhase("Running")
                    .withConditions(readyCondition(now))
                    .withContainerStatuses(created.getSpec().getContainers().stream()
                            .map(c -> new ContainerStatusBuilder().withName(c.getName()).withReady(true).withStarted(true)
                                    .withContainerID("containerd://" + Integer.toHexString((jobName + c.getName()).hashCode()))
                                    .withImage(c.getImage()).withNewState().withNewRunning().withStartedAt(now).endRunning().endState()
                                    .build())
                            .toList())
                    .build());
            client.pods().inNamespace(created.getMetadata().getNamespace()).resource(created).updateStatus();
        } catch (KubernetesClientException e) {
            if (e.getCode() != 409) {
                log.warn("job simulator could not create the pod of {}/{}: {}", job.getMetadata().getNamespace(), jobName, e.getMessage());
            }
        }
    }

    private static PodCondition readyCondition(String now) {
        return new PodConditionBuilder().withType("Ready").withStatus("True").withLastTransitionTime(now).build();
    }

    private void finishJobIfPodDone(Pod pod) {
        String phase = pod.getStatus() == null ? null : pod.getStatus().getPhase();
        if (!"Succeeded".equals(phase) && !"Failed".equals(phase)) {
            return;
        }
        String namespace = pod.getMetadata().getNamespace();
        String jobName = pod.getMetadata().getLabels().get(JOB_NAME_LABEL);
        Job job = client.batch().v1().jobs().inNamespace(namespace).withName(jobName).get();
        if (job == null || (job.getStatus() != null && job.getStatus().getConditions() != null
                && !job.getStatus().getConditions().isEmpty())) {
            return;
        }
        boolean succeeded = "Succeeded".equals(phase);
        String now = Instant.now().toString();
        List<JobCondition> conditions = succeeded
                ? List.of(jobCondition("SuccessCriteriaMet", now), jobCondition("Complete", now))
                : List.of(jobCondition("FailureTarget", now), jobCondition("Failed", now));
        job.setStatus(new io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder()
                .withConditions(conditions)
                .withSucceeded(succeeded ? 1 : 0)
                .withFailed(succeeded ? 0 : 1)
                .withStartTime(now)
                .withCompletionTime(succeeded ? now : null)
                .build());
        try {
            client.batch().v1().jobs().inNamespace(namespace).resource(job).updateStatus();
        } catch (KubernetesClientException e) {
            log.warn("job simulator could not finish {}/{}: {}", namespace, jobName, e.getMessage());
        }
    }

    private static JobCondition jobCondition(String type, String now) {
        return new JobConditionBuilder().withType(type).withStatus("True").withLastTransitionTime(now)
                .withLastProbeTime(now).build();
    }

    @Override
    public void close() {
        jobs.close();
        pods.close();
    }
}
