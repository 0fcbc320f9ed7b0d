package io.jurist.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jurist.JuristApplication;
import io.jurist.ruleset.ActiveRuleset;
import io.jurist.ruleset.RequiredApprovals;
import io.jurist.ruleset.RulesetFiles;
import io.jurist.ruleset.RulesetStatus;
import io.jurist.ruleset.RulesetStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * Activates a new ruleset version the way approvals do (store it with the approvals activation needs,
 * activate it in the database, let the node's follower compile and swap it) while batch and single decisions stream over HTTP, and
 * reports failed requests, batches answered by more than one version, answers inconsistent with their
 * version, and the latencies before and during the swap. The new version suspends Brazil, so every
 * answer shows which version made it.
 */
public final class ActivationUnderLoad {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final int PORT = Integer.getInteger("bench.port", 18092);
    private static final int BATCH = 2_000;
    private static final String[] COUNTRIES = {"US", "BR", "DE", "JP", "GB", "IN", "FR", "CA"};

    /** One request's outcome: when it started and ended, and the versions its answers named. */
    record Sample(String kind, long start, long end, int versions, int version) {
    }

    private final HttpClient client = HttpClient.newHttpClient();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ConcurrentLinkedQueue<Sample> samples = new ConcurrentLinkedQueue<>();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong inconsistent = new AtomicLong();
    private final AtomicLong decisions = new AtomicLong();
    private final byte[] batchBody;
    private volatile long measureFrom;

    private ActivationUnderLoad() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < BATCH; i++) {
            body.append("{\"subject\":{\"id\":\"m").append(i).append("\",\"country\":\"")
                    .append(COUNTRIES[i % COUNTRIES.length]).append("\",\"age\":30},\"purpose\":\"GENAI_TRAINING\",")
                    .append("\"at\":\"2025-06-01T00:00:00Z\"}\n");
        }
        batchBody = body.toString().getBytes(StandardCharsets.UTF_8);
    }

    public static void main(String[] args) throws Exception {
        int steadySeconds = args.length > 0 ? Integer.parseInt(args[0]) : 10;
        ConfigurableApplicationContext app = new SpringApplicationBuilder(JuristApplication.class).run(
                "--server.port=" + PORT, "--spring.datasource.url=jdbc:h2:mem:activation;DB_CLOSE_DELAY=-1",
                "--camunda.bpm.webapp.enabled=false", "--logging.level.root=WARN");
        try {
            new ActivationUnderLoad().run(app, steadySeconds);
        } finally {
            app.close();
        }
    }

    private void run(ConfigurableApplicationContext app, int steadySeconds) throws Exception {
        RulesetStore store = app.getBean(RulesetStore.class);
        ActiveRuleset active = app.getBean(ActiveRuleset.class);
        int before = active.current().version();
        List<Thread> load = List.of(new Thread(this::batches), new Thread(this::batches), new Thread(this::singles));
        load.forEach(Thread::start);
        Thread.sleep(steadySeconds * 1000L); // warm-up, not reported
        measureFrom = System.nanoTime();
        Thread.sleep(steadySeconds * 1000L);

        RulesetFiles files = store.files(before);
        String table = files.files().get("reference/jurisdictions.csv");
        RulesetFiles next = files.with(Map.of("reference/jurisdictions.csv", table
                + "BR,GENAI_TRAINING,SUSPENDED,OPT_IN,2025-01-01,Benchmark: suspension during load\n"));
        long activation = System.nanoTime();
        int after = store.insert(next, RulesetStatus.PROPOSED, "Benchmark: suspend BR", "benchmark", before);
        approve(app.getBean(JdbcClient.class), store, after);
        if (!store.activate(after, before, "benchmark")) {
            throw new IllegalStateException("Version " + before + " was no longer active");
        }
        long served = 0;
        while (served == 0 && System.nanoTime() - activation < 30_000_000_000L) {
            served = samples.stream().filter(s -> s.version() == after).mapToLong(Sample::end).min().orElse(0);
            Thread.sleep(20);
        }
        Thread.sleep(steadySeconds * 1000L);
        running.set(false);
        for (Thread thread : load) {
            thread.join();
        }
        report(before, after, activation, served);
    }

    /** Records what activation needs (who asked, legal's and the DPO's approvals) as the approval workflow would. */
    private static void approve(JdbcClient jdbc, RulesetStore store, int version) {
        store.recordRequesters(version, List.of("benchmark"));
        for (String task : List.of("Task_ApprovePermissiveAsLegal", "Task_ApproveAsDpo")) {
            jdbc.sql("insert into jurist_approval (process_instance_id, business_key, process_key, task_key, user_id, "
                            + "approved, decided_at) values ('benchmark', ?, 'RuleChangeApproval', ?, 'approver', true, ?)")
                    .params(RequiredApprovals.businessKey(version), task, OffsetDateTime.now()).update();
        }
    }

    private void batches() {
        while (running.get()) {
            long start = System.nanoTime();
            try {
                HttpResponse<String> response = client.send(request("/api/v1/decisions/batch", "application/x-ndjson")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(batchBody)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    errors.incrementAndGet();
                    continue;
                }
                String[] lines = response.body().split("\n");
                java.util.Set<Integer> versions = new java.util.HashSet<>();
                for (String line : lines) {
                    versions.add(check(JSON.readTree(line)));
                }
                if (lines.length != BATCH) {
                    errors.incrementAndGet();
                }
                decisions.addAndGet(lines.length);
                samples.add(new Sample("batch", start, System.nanoTime(), versions.size(), versions.iterator().next()));
            } catch (Exception e) {
                errors.incrementAndGet();
            }
        }
    }

    private void singles() {
        int i = 0;
        while (running.get()) {
            long start = System.nanoTime();
            String body = "{\"subject\":{\"id\":\"s" + i + "\",\"country\":\"" + COUNTRIES[i++ % COUNTRIES.length]
                    + "\"},\"purpose\":\"GENAI_TRAINING\",\"at\":\"2025-06-01T00:00:00Z\"}";
            try {
                HttpResponse<String> response = client.send(request("/api/v1/decisions", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
                if (response.statusCode() != 200) {
                    errors.incrementAndGet();
                    continue;
                }
                int version = check(JSON.readTree(response.body()));
                decisions.incrementAndGet();
                samples.add(new Sample("single", start, System.nanoTime(), 1, version));
            } catch (Exception e) {
                errors.incrementAndGet();
            }
        }
    }

    /** The answer's version, counting it inconsistent when Brazil's suspension does not match that version. */
    private int check(JsonNode answer) {
        if (answer.has("error")) {
            errors.incrementAndGet();
            return -1;
        }
        int version = answer.at("/ruleset/version").asInt();
        if (answer.at("/jurisdiction/country").asText().equals("BR")) {
            boolean suspended = answer.at("/reasons/0/code").asText().equals("JURISDICTION_SUSPENDED");
            if (suspended != (version > 1)) {
                inconsistent.incrementAndGet();
            }
        }
        return version;
    }

    private HttpRequest.Builder request(String path, String type) {
        return HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + PORT + path))
                .header("Authorization", "Bearer demo-data-platform-token").header("Content-Type", type);
    }

    private void report(int before, int after, long activation, long served) {
        List<Sample> all = new ArrayList<>(samples);
        long mixed = all.stream().filter(s -> s.versions() > 1).count();
        long windowEnd = (served == 0 ? activation : served) + 1_000_000_000L;
        System.out.printf(Locale.ROOT, "%nActivation under load: version %d -> %d, %d cores%n", before, after,
                Runtime.getRuntime().availableProcessors());
        System.out.printf(Locale.ROOT, "decisions %,d; failed requests or error lines %d; batches answered by more than "
                + "one version %d; answers inconsistent with their version %d%n", decisions.get(), errors.get(), mixed,
                inconsistent.get());
        System.out.printf(Locale.ROOT, "first answer from version %d %.0f ms after activation in the database "
                + "(follow interval 2s)%n", after, served == 0 ? Double.NaN : (served - activation) / 1e6);
        for (String kind : List.of("batch", "single")) {
            List<Sample> steady = all.stream().filter(s -> s.kind().equals(kind) && s.start() >= measureFrom
                    && s.end() < activation).toList();
            List<Sample> swap = all.stream().filter(s -> s.kind().equals(kind) && s.end() >= activation
                    && s.start() <= windowEnd).toList();
            System.out.printf(Locale.ROOT, "%-6s steady before: n=%d p50 %.1f ms p99 %.1f ms | during swap (activation to first "
                            + "new answer + 1 s): n=%d p50 %.1f ms p99 %.1f ms%n", kind, steady.size(), pct(steady, 50),
                    pct(steady, 99), swap.size(), pct(swap, 50), pct(swap, 99));
        }
        if (errors.get() > 0 || mixed > 0 || inconsistent.get() > 0 || served == 0) {
            throw new IllegalStateException("Activation under load failed its checks (see above)");
        }
    }

    private static double pct(List<Sample> samples, int percentile) {
        if (samples.isEmpty()) {
            return Double.NaN;
        }
        long[] millis = samples.stream().mapToLong(s -> s.end() - s.start()).sorted().toArray();
        return millis[Math.min(millis.length - 1, (int) Math.ceil(percentile / 100.0 * millis.length) - 1)] / 1e6;
    }
}
