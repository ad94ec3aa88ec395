package dev.autosync.bench;

import dev.autosync.standins.ProjectRoot;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * The shaded jar Lambda runs ({@code functions/target/autosync-functions-*-lambda.jar}); built by the reactor's
 * {@code package} of functions when absent. A jar older than the sources is measured as it is: run
 * {@code mvn -pl functions -am package -DskipTests} first to measure the current code.
 */
final class LambdaJar {

    private LambdaJar() {
    }

    static Path locate() {
        return find().orElseGet(() -> {
            build();
            return find().orElseThrow(() -> new IllegalStateException("no functions/target/*-lambda.jar after packaging"));
        });
    }

    private static Optional<Path> find() {
        Path target = ProjectRoot.find().resolve("functions/target");
        if (!Files.isDirectory(target)) {
            return Optional.empty();
        }
        try (Stream<Path> files = Files.list(target)) {
            return files.filter(f -> f.getFileName().toString().endsWith("-lambda.jar")).findFirst();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void build() {
        List<String> command = List.of("mvn", "-B", "-q", "-o", "-pl", "functions", "-am", "package", "-DskipTests");
        System.out.println("building the Lambda jar: " + String.join(" ", command));
        try {
            Process maven = new ProcessBuilder(command).directory(ProjectRoot.find().toFile()).inheritIO().start();
            if (maven.waitFor() != 0) {
                throw new IllegalStateException("packaging functions failed: " + String.join(" ", command));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
