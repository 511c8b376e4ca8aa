package io.github.cdk8sworkloads.consumer;

import org.cdk8s.App;

/** The two example apps in one cdk8s app: one chart each. */
public final class Main {
    public static void main(final String[] args) {
        App app = new App();
        WorkerChart.build(app);
        WebAppChart.build(app);
        app.synth();
    }
}
