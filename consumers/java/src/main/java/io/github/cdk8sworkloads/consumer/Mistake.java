package io.github.cdk8sworkloads.consumer;

import io.github.cdk8sworkloads.HealthCheck;
import io.github.cdk8sworkloads.HealthCheckOptions;
import io.github.cdk8sworkloads.Worker;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.cdk8s.App;
import org.cdk8s.AppProps;
import org.cdk8s.Chart;

/**
 * One app with mistakes: synth must throw, in Java, the library's error text unchanged.
 * Writes the message to the file named by the first argument; exits 1 if synth succeeds.
 */
public final class Mistake {
    public static void main(final String[] args) throws IOException {
        App app = new App(AppProps.builder().outdir(Files.createTempDirectory("mistake").toString()).build());
        Chart chart = new Chart(app, "shop");
        Worker.Builder.create(chart, "mailer").image("Mailer").build();
        Worker.Builder.create(chart, "indexer")
                .image("indexer:1.0")
                .livenessProbe(HealthCheck.fromCommand(List.of("true"), HealthCheckOptions.builder().successThreshold(3).build()))
                .build();
        try {
            app.synth();
        } catch (RuntimeException error) {
            System.out.println("synth threw " + error.getClass().getName());
            Files.writeString(Path.of(args[0]), error.getMessage(), StandardCharsets.UTF_8);
            return;
        }
        System.err.println("synth did not throw");
        System.exit(1);
    }
}
