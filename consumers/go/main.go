package main

import "github.com/cdk8s-team/cdk8s-core-go/cdk8s/v2"

// The two example apps in one cdk8s app: one chart each.
func main() {
	app := cdk8s.NewApp(nil)
	buildWorker(app)
	buildWebApp(app)
	app.Synth()
}
