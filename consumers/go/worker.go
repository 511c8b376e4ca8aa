package main

import (
	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
	"github.com/cdk8s-team/cdk8s-plus-go/cdk8splus28/v2"
	"github.com/cdk8s-workloads/cdk8s-workloads-go/cdk8sworkloads"
)

// buildWorker is KubeVela's `app-worker` example as cdk8s-workloads Workers
// (examples/worker/app.ts in Go).
func buildWorker(app cdk8s.App) {
	chart := cdk8s.NewChart(app, jsii.String("worker"), nil)

	// The component of KubeVela's example, field for field:
	//   type: worker, properties: { image: busybox, cmd: [sleep, "1000"] }
	cdk8sworkloads.NewWorker(chart, jsii.String("myworker"), &cdk8sworkloads.WorkerProps{
		Image:   jsii.String("busybox"),
		Command: jsii.Strings("sleep", "1000"),
	})

	// A second worker with env from a Secret key, every volume kind and health checks.
	cdk8sworkloads.NewWorker(chart, jsii.String("queue-consumer"), &cdk8sworkloads.WorkerProps{
		Image:            jsii.String("ghcr.io/example/queue-consumer:1.4.2"),
		ImagePullSecrets: jsii.Strings("ghcr-credentials"),
		Args:             jsii.Strings("--queue", "orders", "--metrics-port", "9090"),
		Cpu:              jsii.String("250m"),
		Memory:           jsii.String("256Mi"),
		MemoryLimit:      jsii.String("512Mi"),
		Replicas:         jsii.Number(2),
		Ports: &[]*cdk8sworkloads.ContainerPortSpec{
			{Name: jsii.String("metrics"), ContainerPort: jsii.Number(9090), Protocol: cdk8splus28.Protocol_TCP},
		},
		Env: &[]*cdk8sworkloads.EnvVar{
			{Name: jsii.String("QUEUE_URL"), Value: jsii.String("amqp://rabbitmq.messaging:5672")},
			{Name: jsii.String("QUEUE_PASSWORD"), ValueFrom: cdk8sworkloads.EnvSource_SecretKey(jsii.String("rabbitmq-credentials"), jsii.String("password"), nil)},
			{Name: jsii.String("LOG_LEVEL"), ValueFrom: cdk8sworkloads.EnvSource_ConfigMapKey(jsii.String("consumer-settings"), jsii.String("logLevel"), nil)},
			{Name: jsii.String("POD_NAME"), ValueFrom: cdk8sworkloads.EnvSource_FieldRef(jsii.String("metadata.name"))},
		},
		Volumes: &[]*cdk8sworkloads.WorkloadVolume{
			{Name: jsii.String("state"), MountPath: jsii.String("/var/lib/consumer"),
				Source: cdk8sworkloads.VolumeSource_PersistentVolumeClaim(jsii.String("consumer-state"), nil)},
			{Name: jsii.String("settings"), MountPath: jsii.String("/etc/consumer"),
				Source: cdk8sworkloads.VolumeSource_ConfigMap(jsii.String("consumer-settings"), &cdk8sworkloads.KeyedVolumeOptions{DefaultMode: jsii.Number(0o440)})},
			{Name: jsii.String("tls"), MountPath: jsii.String("/etc/consumer/tls"), ReadOnly: jsii.Bool(true),
				Source: cdk8sworkloads.VolumeSource_Secret(jsii.String("consumer-tls"), &cdk8sworkloads.KeyedVolumeOptions{
					Items: &[]*cdk8sworkloads.KeyToPath{
						{Key: jsii.String("tls.crt"), Path: jsii.String("client.crt")},
						{Key: jsii.String("tls.key"), Path: jsii.String("client.key"), Mode: jsii.Number(0o400)},
					},
				})},
			{Name: jsii.String("scratch"), MountPath: jsii.String("/scratch"),
				Source: cdk8sworkloads.VolumeSource_EmptyDir(&cdk8sworkloads.EmptyDirOptions{SizeLimit: jsii.String("1Gi")})},
			{Name: jsii.String("node-logs"), MountPath: jsii.String("/host/log"), ReadOnly: jsii.Bool(true),
				Source: cdk8sworkloads.VolumeSource_HostPath(jsii.String("/var/log"), cdk8sworkloads.HostPathType_DIRECTORY)},
		},
		WritablePaths: jsii.Strings("/tmp"),
		// hostPath is forbidden by the "restricted" Pod Security Standard: this worker reads
		// the node's logs, so it opts out of that one rule, knowingly.
		Security:      &cdk8sworkloads.WorkloadSecurityOptions{AllowHostPath: jsii.Bool(true)},
		LivenessProbe: cdk8sworkloads.HealthCheck_FromCommand(jsii.Strings("cat", "/tmp/alive"), nil),
		ReadinessProbe: cdk8sworkloads.HealthCheck_FromHttpGet(jsii.String("/ready"), &cdk8sworkloads.HttpGetHealthCheckOptions{
			Port:          cdk8sworkloads.PortReference_FromName(jsii.String("metrics")),
			PeriodSeconds: jsii.Number(5),
		}),
	})
}
