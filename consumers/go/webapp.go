package main

import (
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
	"github.com/cdk8s-team/cdk8s-plus-go/cdk8splus28/v2"
	"github.com/cdk8s-workloads/cdk8s-workloads-go/cdk8sworkloads"
)

// buildWebApp is the ACK "stateless application from an image" walkthrough as one WebApp
// (examples/web-app/app.ts in Go).
func buildWebApp(app cdk8s.App) {
	chart := cdk8s.NewChart(app, jsii.String("web-app"), nil)

	cdk8sworkloads.NewWebApp(chart, jsii.String("nginx"), &cdk8sworkloads.WebAppProps{
		Containers: &[]*cdk8sworkloads.WorkloadContainer{{
			Name: jsii.String("nginx"),
			// nginx built to run as a non-root user (UID 101) on port 8080.
			Image:         jsii.String("nginxinc/nginx-unprivileged:1.27"),
			Ports:         &[]*cdk8sworkloads.ContainerPortSpec{{Name: jsii.String("http"), ContainerPort: jsii.Number(8080)}},
			Requests:      &cdk8sworkloads.ResourceQuantities{Cpu: jsii.String("250m"), Memory: jsii.String("128Mi")},
			Limits:        &cdk8sworkloads.ResourceQuantities{Cpu: jsii.String("500m"), Memory: jsii.String("256Mi")},
			WritablePaths: jsii.Strings("/tmp"),
			LivenessProbe: cdk8sworkloads.HealthCheck_FromHttpGet(jsii.String("/"), &cdk8sworkloads.HttpGetHealthCheckOptions{
				Port: cdk8sworkloads.PortReference_FromName(jsii.String("http")),
			}),
		}},
		Security: &cdk8sworkloads.WorkloadSecurityOptions{UseImageUser: jsii.Bool(true)},
		Service: &cdk8sworkloads.WebAppServiceOptions{
			Name:                  jsii.String("nginx-svc"),
			Type:                  cdk8splus28.ServiceType_LOAD_BALANCER,
			ExternalTrafficPolicy: cdk8sworkloads.ServiceTrafficPolicy_LOCAL,
			Ports: &[]*cdk8sworkloads.WebAppServicePort{
				{Port: jsii.Number(80), TargetPort: cdk8sworkloads.PortReference_FromName(jsii.String("http"))},
			},
		},
		Ingress: &cdk8sworkloads.WebAppIngressOptions{
			Name:  jsii.String("nginx-ingress"),
			Rules: &[]*cdk8sworkloads.WebAppIngressRule{{Host: jsii.String("foo.bar.com"), Path: jsii.String("/")}},
			Tls:   &[]*cdk8sworkloads.WebAppIngressTls{{Hosts: jsii.Strings("foo.bar.com"), SecretName: jsii.String("foo-bar-com-tls")}},
		},
		Autoscaling: &cdk8sworkloads.AutoscalingOptions{
			MinReplicas: jsii.Number(2), MaxReplicas: jsii.Number(10), CpuUtilization: jsii.Number(70),
		},
		ScheduledScaling: cdk8sworkloads.ScheduledScaling_CronHpa(&cdk8sworkloads.CronHpaOptions{
			Jobs: &[]*cdk8sworkloads.CronHpaJob{
				{Name: jsii.String("business-hours-up"), Schedule: jsii.String("0 0 8 * * 1-5"), TargetSize: jsii.Number(6)},
				{Name: jsii.String("business-hours-down"), Schedule: jsii.String("0 0 20 * * 1-5"), TargetSize: jsii.Number(2)},
			},
		}),
	})
}
