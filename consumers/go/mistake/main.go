// One app with mistakes: synth must panic, in Go, with the library's error text unchanged.
// Writes the message to the file named by the first argument; exits 1 if synth succeeds.
package main

import (
	"fmt"
	"os"

	"github.com/aws/jsii-runtime-go"
	"github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"
	"github.com/cdk8s-workloads/cdk8s-workloads-go/cdk8sworkloads"
)

func main() {
	outdir, err := os.MkdirTemp("", "mistake")
	if err != nil {
		panic(err)
	}
	app := cdk8s.NewApp(&cdk8s.AppProps{Outdir: jsii.String(outdir)})
	chart := cdk8s.NewChart(app, jsii.String("shop"), nil)
	cdk8sworkloads.NewWorker(chart, jsii.String("mailer"), &cdk8sworkloads.WorkerProps{Image: jsii.String("Mailer")})
	cdk8sworkloads.NewWorker(chart, jsii.String("indexer"), &cdk8sworkloads.WorkerProps{
		Image: jsii.String("indexer:1.0"),
		LivenessProbe: cdk8sworkloads.HealthCheck_FromCommand(jsii.Strings("true"),
			&cdk8sworkloads.HealthCheckOptions{SuccessThreshold: jsii.Number(3)}),
	})
	if message, ok := synthError(app); ok {
		if err := os.WriteFile(os.Args[1], []byte(message), 0o644); err != nil {
			panic(err)
		}
		return
	}
	fmt.Fprintln(os.Stderr, "synth did not panic")
	os.Exit(1)
}

// synthError runs Synth and returns the message of the error it panics with: a jsii call
// that throws in JavaScript panics in Go with an error value.
func synthError(app cdk8s.App) (message string, panicked bool) {
	defer func() {
		if r := recover(); r != nil {
			err, isError := r.(error)
			if !isError {
				panic(r)
			}
			fmt.Printf("synth panicked with %T\n", err)
			message, panicked = err.Error(), true
		}
	}()
	app.Synth()
	return "", false
}
