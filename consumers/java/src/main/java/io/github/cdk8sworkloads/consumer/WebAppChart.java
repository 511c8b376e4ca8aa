package io.github.cdk8sworkloads.consumer;

import io.github.cdk8sworkloads.AutoscalingOptions;
import io.github.cdk8sworkloads.ContainerPortSpec;
import io.github.cdk8sworkloads.CronHpaJob;
import io.github.cdk8sworkloads.CronHpaOptions;
import io.github.cdk8sworkloads.HealthCheck;
import io.github.cdk8sworkloads.HttpGetHealthCheckOptions;
import io.github.cdk8sworkloads.PortReference;
import io.github.cdk8sworkloads.ResourceQuantities;
import io.github.cdk8sworkloads.ScheduledScaling;
import io.github.cdk8sworkloads.ServiceTrafficPolicy;
import io.github.cdk8sworkloads.WebApp;
import io.github.cdk8sworkloads.WorkloadContainer;
import io.github.cdk8sworkloads.WebAppIngressOptions;
import io.github.cdk8sworkloads.WebAppIngressRule;
import io.github.cdk8sworkloads.WebAppIngressTls;
import io.github.cdk8sworkloads.WebAppServiceOptions;
import io.github.cdk8sworkloads.WebAppServicePort;
import io.github.cdk8sworkloads.WorkloadSecurityOptions;
import java.util.List;
import org.cdk8s.App;
import org.cdk8s.Chart;
import org.cdk8s.plus28.ServiceType;

/** The ACK "stateless application from an image" walkthrough as one WebApp (examples/web-app/app.ts in Java). */
final class WebAppChart {
    private WebAppChart() {
    }

    static void build(final App app) {
        Chart chart = new Chart(app, "web-app");

        WebApp.Builder.create(chart, "nginx")
                .containers(List.of(WorkloadContainer.builder()
                        .name("nginx")
                        // nginx built to run as a non-root user (UID 101) on port 8080.
                        .image("nginxinc/nginx-unprivileged:1.27")
                        .ports(List.of(ContainerPortSpec.builder().name("http").containerPort(8080).build()))
                        .requests(ResourceQuantities.builder().cpu("250m").memory("128Mi").build())
                        .limits(ResourceQuantities.builder().cpu("500m").memory("256Mi").build())
                        .writablePaths(List.of("/tmp"))
                        .livenessProbe(HealthCheck.fromHttpGet("/", HttpGetHealthCheckOptions.builder()
                                .port(PortReference.fromName("http")).build()))
                        .build()))
                .security(WorkloadSecurityOptions.builder().useImageUser(true).build())
                .service(WebAppServiceOptions.builder()
                        .name("nginx-svc")
                        .type(ServiceType.LOAD_BALANCER)
                        .externalTrafficPolicy(ServiceTrafficPolicy.LOCAL)
                        .ports(List.of(WebAppServicePort.builder().port(80).targetPort(PortReference.fromName("http")).build()))
                        .build())
                .ingress(WebAppIngressOptions.builder()
                        .name("nginx-ingress")
                        .rules(List.of(WebAppIngressRule.builder().host("foo.bar.com").path("/").build()))
                        .tls(List.of(WebAppIngressTls.builder().hosts(List.of("foo.bar.com")).secretName("foo-bar-com-tls").build()))
                        .build())
                .autoscaling(AutoscalingOptions.builder().minReplicas(2).maxReplicas(10).cpuUtilization(70).build())
                .scheduledScaling(ScheduledScaling.cronHpa(CronHpaOptions.builder()
                        .jobs(List.of(
                                CronHpaJob.builder().name("business-hours-up").schedule("0 0 8 * * 1-5").targetSize(6).build(),
                                CronHpaJob.builder().name("business-hours-down").schedule("0 0 20 * * 1-5").targetSize(2).build()))
                        .build()))
                .build();
    }
}
