package io.jurist.spark;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;

/**
 * The service, started from the jar the root project's build packages ({@code ./mvnw verify} or
 * {@code ./mvnw -DskipTests package} in the repository's root), on a free port, in demo mode with a database of its
 * own in a temporary directory, the repository's starting rules, and the demo data platform's token. Its output
 * goes to {@code target/jurist-*.log}.
 */
final class JuristProcess implements AutoCloseable {

    static final String TOKEN = "demo-data-platform-token";
    private static final Duration READY_WITHIN = Duration.ofMinutes(10);

    private final Process process;
    private final String url;
    private final Path log;

    private JuristProcess(Process process, String url, Path log) {
        this.process = process;
        this.url = url;
        this.log = log;
    }

    /**
     * Starts the service; with {@code -Djurist.url=…} (while working on the job) uses that running one instead,
     * which must be in demo mode with the demo token.
     */
    static JuristProcess start(Path directory) throws IOException, InterruptedException {
        String running = System.getProperty("jurist.url");
        if (running != null && !running.isBlank()) {
            return new JuristProcess(null, running, null);
        }
        Path jar = jar();
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path log = Path.of("target", "jurist-" + directory.getFileName() + ".log").toAbsolutePath();
        Path rules = Path.of(System.getProperty("jurist.rules.directory", "../rules")).toAbsolutePath();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process process = new ProcessBuilder(java, "-Xmx1g", "-jar", jar.toString(), "--server.port=" + port,
                "--jurist.rules.directory=" + rules)
                .directory(directory.toFile()).redirectErrorStream(true).redirectOutput(log.toFile()).start();
        JuristProcess jurist = new JuristProcess(process, "http://localhost:" + port, log);
        jurist.awaitReady();
        return jurist;
    }

    String url() {
        return url;
    }

    private void awaitReady() throws IOException, InterruptedException {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        long deadline = System.nanoTime() + READY_WITHIN.toNanos();
        while (System.nanoTime() < deadline) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Jurist stopped at start-up; see " + log);
            }
            try {
                HttpResponse<String> response = http.send(HttpRequest.newBuilder(
                        URI.create(url() + "/actuator/health/readiness")).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() == 200) {
                    return;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        close();
        throw new IllegalStateException("Jurist was not ready within " + READY_WITHIN + "; see " + log);
    }

    private static Path jar() {
        File directory = new File(System.getProperty("jurist.jar.directory", "../target"));
        File[] jars = directory.listFiles((d, name) -> name.startsWith("jurist-") && name.endsWith(".jar"));
        List<File> found = jars == null ? List.of() : Arrays.asList(jars);
        if (found.size() != 1) {
            throw new IllegalStateException("Expected the service's jar in " + directory.getAbsolutePath()
                    + ", found " + found + ": build it first (./mvnw -DskipTests package in the repository's root)");
        }
        return found.get(0).toPath();
    }

    @Override
    public void close() {
        if (process == null) {
            return;
        }
        process.destroy();
        try {
            if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static void deleteQuietly(Path directory) {
        try (var paths = Files.walk(directory)) {
            paths.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
