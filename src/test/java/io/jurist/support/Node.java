package io.jurist.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One node of the service in a process of its own, started from the packaged jar as an operator
 * starts it: for tests of several nodes on one database, and of a node that crashes. Its output goes
 * to {@code target/nodes/<name>.log}.
 */
public final class Node implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofMinutes(3);

    private final String name;
    private final Process process;
    private final int port;
    private final Path log;

    private Node(String name, Process process, int port, Path log) {
        this.name = name;
        this.process = process;
        this.port = port;
        this.log = log;
    }

    /**
     * Starts the jar on a free port with the given environment and arguments, and returns once the
     * node reports itself ready for traffic.
     */
    public static Node start(String name, Map<String, String> environment, String... arguments) {
        return start(name, null, environment, arguments);
    }

    /**
     * The same, in a working directory of its own (null: this one), where the default database ({@code ./data})
     * then lives.
     */
    public static Node start(String name, Path directory, Map<String, String> environment, String... arguments) {
        int port = freePort();
        Path log = Path.of("target", "nodes", name + ".log").toAbsolutePath();
        // Without the start-up warm-up, as in the test profile: it would add seconds to every node's start.
        List<String> command = new ArrayList<>(List.of(java(), "-jar", jar().toString(), "--server.port=" + port,
                "--jurist.warmup.enabled=false"));
        command.addAll(List.of(arguments));
        try {
            Files.createDirectories(log.getParent());
            ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                    .redirectOutput(log.toFile());
            if (directory != null) {
                builder.directory(directory.toFile());
            }
            builder.environment().putAll(environment);
            Node node = new Node(name, builder.start(), port, log);
            node.awaitReady();
            return node;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public Http http() {
        return new Http(port);
    }

    public boolean alive() {
        return process.isAlive();
    }

    /** Ends the process at once (SIGKILL), as a crash or a power cut would. */
    public void kill() {
        process.destroyForcibly();
        await();
    }

    /** Freezes the process (SIGSTOP): it holds its connections and locks but does nothing until {@link #resume}. */
    public void pause() {
        signal("-STOP");
    }

    /** Lets a paused process go on (SIGCONT). */
    public void resume() {
        signal("-CONT");
    }

    private void signal(String signal) {
        try {
            Process kill = new ProcessBuilder("kill", signal, String.valueOf(process.pid())).inheritIO().start();
            if (kill.waitFor() != 0) {
                throw new IllegalStateException("kill " + signal + " " + process.pid() + " failed");
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Asks the process to stop (SIGTERM), as an orchestrator does: requests in flight finish. */
    public void stop() {
        process.destroy();
        await();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            kill();
        }
    }

    private void await() {
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private void awaitReady() {
        Instant deadline = Instant.now().plus(READY_WITHIN);
        Http http = http();
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException("Node " + name + " exited with " + process.exitValue() + "; see " + log);
            }
            try {
                if (http.get("/actuator/health/readiness", null).status() == 200) {
                    return;
                }
            } catch (UncheckedIOException notListeningYet) {
                // try again
            }
            try {
                Thread.sleep(250);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException(e);
            }
        }
        close();
        throw new IllegalStateException("Node " + name + " was not ready within " + READY_WITHIN + "; see " + log);
    }

    private static String java() {
        return ProcessHandle.current().info().command().orElse("java");
    }

    /** The packaged jar: failsafe passes it as {@code jurist.jar}; otherwise the one under target/. */
    private static Path jar() {
        String configured = System.getProperty("jurist.jar");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        try (Stream<Path> files = Files.list(Path.of("target"))) {
            return files.filter(file -> file.getFileName().toString().matches("jurist-.*\\.jar"))
                    .findFirst().orElseThrow(() -> new IllegalStateException("No jar under target/: run ./mvnw package"))
                    .toAbsolutePath();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
