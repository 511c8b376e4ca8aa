"""KubeVela's `app-worker` example as cdk8s-workloads Workers (examples/worker/app.ts in Python)."""
from cdk8s import App, Chart
from cdk8s_plus_28 import Protocol
from cdk8s_workloads import (
    ContainerPortSpec, EnvSource, EnvVar, HealthCheck, HostPathType, KeyToPath,
    PortReference, VolumeSource, Worker, WorkloadSecurityOptions, WorkloadVolume,
)


def build(app: App) -> None:
    chart = Chart(app, "worker")

    # The component of KubeVela's example, field for field:
    #   type: worker, properties: { image: busybox, cmd: [sleep, "1000"] }
    Worker(chart, "myworker", image="busybox", command=["sleep", "1000"])

    # A second worker with env from a Secret key, every volume kind and health checks.
    Worker(
        chart, "queue-consumer",
        image="ghcr.io/example/queue-consumer:1.4.2",
        image_pull_secrets=["ghcr-credentials"],
        args=["--queue", "orders", "--metrics-port", "9090"],
        cpu="250m",
        memory="256Mi",
        memory_limit="512Mi",
        replicas=2,
        ports=[ContainerPortSpec(name="metrics", container_port=9090, protocol=Protocol.TCP)],
        env=[
            EnvVar(name="QUEUE_URL", value="amqp://rabbitmq.messaging:5672"),
            EnvVar(name="QUEUE_PASSWORD", value_from=EnvSource.secret_key("rabbitmq-credentials", "password")),
            EnvVar(name="LOG_LEVEL", value_from=EnvSource.config_map_key("consumer-settings", "logLevel")),
            EnvVar(name="POD_NAME", value_from=EnvSource.field_ref("metadata.name")),
        ],
        volumes=[
            WorkloadVolume(name="state", mount_path="/var/lib/consumer",
                           source=VolumeSource.persistent_volume_claim("consumer-state")),
            WorkloadVolume(name="settings", mount_path="/etc/consumer",
                           source=VolumeSource.config_map("consumer-settings", default_mode=0o440)),
            WorkloadVolume(
                name="tls", mount_path="/etc/consumer/tls", read_only=True,
                source=VolumeSource.secret("consumer-tls", items=[
                    KeyToPath(key="tls.crt", path="client.crt"),
                    KeyToPath(key="tls.key", path="client.key", mode=0o400),
                ]),
            ),
            WorkloadVolume(name="scratch", mount_path="/scratch",
                           source=VolumeSource.empty_dir(size_limit="1Gi")),
            WorkloadVolume(name="node-logs", mount_path="/host/log", read_only=True,
                           source=VolumeSource.host_path("/var/log", HostPathType.DIRECTORY)),
        ],
        writable_paths=["/tmp"],
        # hostPath is forbidden by the "restricted" Pod Security Standard: this worker reads
        # the node's logs, so it opts out of that one rule, knowingly.
        security=WorkloadSecurityOptions(allow_host_path=True),
        liveness_probe=HealthCheck.from_command(["cat", "/tmp/alive"]),
        readiness_probe=HealthCheck.from_http_get("/ready", port=PortReference.from_name("metrics"), period_seconds=5),
    )
