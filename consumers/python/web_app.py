"""The ACK "create a stateless application from an image" walkthrough as one WebApp
(examples/web-app/app.ts in Python)."""
from cdk8s import App, Chart
from cdk8s_plus_28 import ServiceType
from cdk8s_workloads import (
    AutoscalingOptions, CronHpaJob, HealthCheck, PortReference, ResourceQuantities,
    ScheduledScaling, ServiceTrafficPolicy, WebApp, WorkloadContainer,
    WebAppIngressOptions, WebAppIngressRule, WebAppIngressTls, WebAppServiceOptions,
    WebAppServicePort, WorkloadSecurityOptions, ContainerPortSpec,
)


def build(app: App) -> None:
    chart = Chart(app, "web-app")

    WebApp(
        chart, "nginx",
        containers=[WorkloadContainer(
            name="nginx",
            # nginx built to run as a non-root user (UID 101) on port 8080.
            image="nginxinc/nginx-unprivileged:1.27",
            ports=[ContainerPortSpec(name="http", container_port=8080)],
            requests=ResourceQuantities(cpu="250m", memory="128Mi"),
            limits=ResourceQuantities(cpu="500m", memory="256Mi"),
            writable_paths=["/tmp"],
            liveness_probe=HealthCheck.from_http_get("/", port=PortReference.from_name("http")),
        )],
        security=WorkloadSecurityOptions(use_image_user=True),
        service=WebAppServiceOptions(
            name="nginx-svc",
            type=ServiceType.LOAD_BALANCER,
            external_traffic_policy=ServiceTrafficPolicy.LOCAL,
            ports=[WebAppServicePort(port=80, target_port=PortReference.from_name("http"))],
        ),
        ingress=WebAppIngressOptions(
            name="nginx-ingress",
            rules=[WebAppIngressRule(host="foo.bar.com", path="/")],
            tls=[WebAppIngressTls(hosts=["foo.bar.com"], secret_name="foo-bar-com-tls")],
        ),
        autoscaling=AutoscalingOptions(min_replicas=2, max_replicas=10, cpu_utilization=70),
        scheduled_scaling=ScheduledScaling.cron_hpa(jobs=[
            CronHpaJob(name="business-hours-up", schedule="0 0 8 * * 1-5", target_size=6),
            CronHpaJob(name="business-hours-down", schedule="0 0 20 * * 1-5", target_size=2),
        ]),
    )
