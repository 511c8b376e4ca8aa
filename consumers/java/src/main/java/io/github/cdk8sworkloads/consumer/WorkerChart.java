package io.github.cdk8sworkloads.consumer;

import io.github.cdk8sworkloads.ContainerPortSpec;
import io.github.cdk8sworkloads.EmptyDirOptions;
import io.github.cdk8sworkloads.EnvSource;
import io.github.cdk8sworkloads.EnvVar;
import io.github.cdk8sworkloads.HealthCheck;
import io.github.cdk8sworkloads.HostPathType;
import io.github.cdk8sworkloads.HttpGetHealthCheckOptions;
import io.github.cdk8sworkloads.KeyToPath;
import io.github.cdk8sworkloads.KeyedVolumeOptions;
import io.github.cdk8sworkloads.PortReference;
import io.github.cdk8sworkloads.VolumeSource;
import io.github.cdk8sworkloads.Worker;
import io.github.cdk8sworkloads.WorkloadSecurityOptions;
import io.github.cdk8sworkloads.WorkloadVolume;
import java.util.List;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.cdk8s.plus28.Protocol;

/** KubeVela's `app-worker` example as cdk8s-workloads Workers (examples/worker/app.ts in Java). */
final class WorkerChart {
    private WorkerChart() {
    }

    static void build(final App app) {
        Chart chart = new Chart(app, "worker");

        // The component of KubeVela's example, field for field:
        //   type: worker, properties: { image: busybox, cmd: [sleep, "1000"] }
        Worker.Builder.create(chart, "myworker")
                .image("busybox")
                .command(List.of("sleep", "1000"))
                .build();

        // A second worker with env from a Secret key, every volume kind and health checks.
        Worker.Builder.create(chart, "queue-consumer")
                .image("ghcr.io/example/queue-consumer:1.4.2")
                .imagePullSecrets(List.of("ghcr-credentials"))
                .args(List.of("--queue", "orders", "--metrics-port", "9090"))
                .cpu("250m")
                .memory("256Mi")
                .memoryLimit("512Mi")
                .replicas(2)
                .ports(List.of(ContainerPortSpec.builder().name("metrics").containerPort(9090).protocol(Protocol.TCP).build()))
                .env(List.of(
                        EnvVar.builder().name("QUEUE_URL").value("amqp://rabbitmq.messaging:5672").build(),
                        EnvVar.builder().name("QUEUE_PASSWORD")
                                .valueFrom(EnvSource.secretKey("rabbitmq-credentials", "password")).build(),
                        EnvVar.builder().name("LOG_LEVEL")
                                .valueFrom(EnvSource.configMapKey("consumer-settings", "logLevel")).build(),
                        EnvVar.builder().name("POD_NAME").valueFrom(EnvSource.fieldRef("metadata.name")).build()))
                .volumes(List.of(
                        WorkloadVolume.builder().name("state").mountPath("/var/lib/consumer")
                                .source(VolumeSource.persistentVolumeClaim("consumer-state")).build(),
                        WorkloadVolume.builder().name("settings").mountPath("/etc/consumer")
                                .source(VolumeSource.configMap("consumer-settings",
                                        KeyedVolumeOptions.builder().defaultMode(0440).build()))
                                .build(),
                        WorkloadVolume.builder().name("tls").mountPath("/etc/consumer/tls").readOnly(true)
                                .source(VolumeSource.secret("consumer-tls", KeyedVolumeOptions.builder()
                                        .items(List.of(
                                                KeyToPath.builder().key("tls.crt").path("client.crt").build(),
                                                KeyToPath.builder().key("tls.key").path("client.key").mode(0400).build()))
                                        .build()))
                                .build(),
                        WorkloadVolume.builder().name("scratch").mountPath("/scratch")
                                .source(VolumeSource.emptyDir(EmptyDirOptions.builder().sizeLimit("1Gi").build())).build(),
                        WorkloadVolume.builder().name("node-logs").mountPath("/host/log").readOnly(true)
                                .source(VolumeSource.hostPath("/var/log", HostPathType.DIRECTORY)).build()))
                .writablePaths(List.of("/tmp"))
                // hostPath is forbidden by the "restricted" Pod Security Standard: this worker reads
                // the node's logs, so it opts out of that one rule, knowingly.
                .security(WorkloadSecurityOptions.builder().allowHostPath(true).build())
                .livenessProbe(HealthCheck.fromCommand(List.of("cat", "/tmp/alive")))
                .readinessProbe(HealthCheck.fromHttpGet("/ready", HttpGetHealthCheckOptions.builder()
                        .port(PortReference.fromName("metrics")).periodSeconds(5).build()))
                .build();
    }
}
