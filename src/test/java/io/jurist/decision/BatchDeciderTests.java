package io.jurist.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyInt;
import static org.mockito.ArgumentMatchers.anyList;
import static org.mockito.ArgumentMatchers.anyLong;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.doAnswer;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.jurist.audit.DecisionLog;
import io.jurist.ruleset.ActiveRuleset;
import io.jurist.ruleset.CompiledRuleset;
import io.jurist.ruleset.RulesetCompiler;
import io.jurist.ruleset.RulesetFiles;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import io.jurist.audit.BatchRecorder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class BatchDeciderTests {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private static final DecisionLog LOG_OFF = DecisionLog.off(Clock.systemUTC());

    @Test
    void decidesEveryLineOfABatchWithTheVersionActiveWhenItBegan() throws IOException {
        RulesetCompiler compiler = new RulesetCompiler();
        RulesetFiles files = RulesetFiles.readDirectory(Path.of("rules"));
        CompiledRuleset first = compiler.compile(1, files, null);
        CompiledRuleset second = compiler.compile(2, files, null);
        ActiveRuleset active = mock(ActiveRuleset.class);
        // A new version is activated while the batch runs: it must not be asked again mid-batch.
        when(active.current()).thenReturn(first, second);
        BatchDecider decider = new BatchDecider(active, Clock.systemUTC(), JSON, 7, LOG_OFF);

        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 100; i++) {
            body.append("{\"subject\":{\"id\":\"m").append(i).append("\",\"country\":\"US\"},")
                    .append("\"purpose\":\"GENAI_TRAINING\"}\n");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        long count = decider.decide(new ByteArrayInputStream(body.toString().getBytes(StandardCharsets.UTF_8)), out);

        assertThat(count).isEqualTo(100);
        String[] lines = out.toString(StandardCharsets.UTF_8).split("\n");
        assertThat(lines).hasSize(100);
        for (int i = 0; i < lines.length; i++) {
            JsonNode answer = JSON.readTree(lines[i]);
            assertThat(answer.get("subjectId").asText()).isEqualTo("m" + i);
            assertThat(answer.at("/ruleset/version").asInt()).isEqualTo(1);
        }
        verify(active, times(1)).current();
    }

    @Test
    void endsTheBatchWithTheReadersFailureWhenTheInputBreaks() throws IOException {
        CompiledRuleset ruleset = new RulesetCompiler().compile(1, RulesetFiles.readDirectory(Path.of("rules")), null);
        BatchDecider decider = new BatchDecider(null, Clock.systemUTC(), JSON, 3, LOG_OFF);
        byte[] start = ("{\"subject\":{\"id\":\"m\",\"country\":\"US\"},\"purpose\":\"GENAI_TRAINING\"}\n")
                .repeat(10).getBytes(StandardCharsets.UTF_8);
        InputStream broken = new SequenceInputStream(new ByteArrayInputStream(start), new InputStream() {
            @Override
            public int read() throws IOException {
                throw new IOException("connection reset");
            }
        });
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        assertThatThrownBy(() -> decider.decide(ruleset, broken, out)).isInstanceOf(IOException.class)
                .hasMessage("connection reset");
        decider.stop();
    }

    /** Varied lines: countries (the UK alias among them), ages known, not and out of range, consents, instants. */
    private static byte[] variedLines(int n) {
        String[] countries = {"US", "GB", "DE", "FR", "JP", "BR", "IN", "CH", "NO", "CA", "UK", "ZZ"};
        String[] consents = {"NOT_SET", "OPTED_IN", "OPTED_OUT"};
        java.util.SplittableRandom random = new java.util.SplittableRandom(14);
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < n; i++) {
            if (random.nextInt(50) == 0) {
                body.append("{\"subject\":{\"id\":\"broken-").append(i).append("\"}}\n");
                continue;
            }
            int age = random.nextInt(12);
            body.append("{\"subject\":{\"id\":\"member-").append(i).append("\",\"country\":\"")
                    .append(countries[random.nextInt(countries.length)]).append('"')
                    .append(age == 0 ? "" : ",\"age\":" + (age == 1 ? 150 : random.nextInt(5, 90)))
                    .append("},\"purpose\":\"GENAI_TRAINING\",\"consent\":\"")
                    .append(consents[random.nextInt(3)]).append("\",\"at\":\"20")
                    .append(random.nextInt(20, 27)).append("-0").append(random.nextInt(1, 10))
                    .append("-01T00:00:00Z\"}\n");
        }
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The summary's counts as the recorder was handed them: (country, purpose, decision, sorted reasons) to lines. */
    private static Map<String, Long> summaryCounts(CompiledRuleset ruleset, byte[] body, List<String> answers)
            throws IOException {
        DecisionLog log = mock(DecisionLog.class);
        BatchRecorder batch = mock(BatchRecorder.class);
        when(log.enabled()).thenReturn(true);
        when(log.startBatch(any(), anyInt(), any())).thenReturn(batch);
        when(batch.digesting(any())).thenAnswer(call -> call.getArgument(0));
        Map<String, Long> counts = new TreeMap<>();
        doAnswer(call -> {
            List<String> reasons = new ArrayList<>(call.<List<String>>getArgument(3));
            reasons.sort(null);
            counts.merge(call.getArgument(0) + "|" + call.getArgument(1) + "|" + call.getArgument(2) + "|" + reasons,
                    call.<Long>getArgument(4), Long::sum);
            return null;
        }).when(batch).decided(anyString(), anyString(), anyString(), anyList(), anyLong());
        doAnswer(call -> {
            List<String> reasons = new ArrayList<>(call.<List<String>>getArgument(3));
            reasons.sort(null);
            counts.merge(call.getArgument(0) + "|" + call.getArgument(1) + "|" + call.getArgument(2) + "|" + reasons,
                    1L, Long::sum);
            return null;
        }).when(batch).decided(anyString(), anyString(), anyString(), anyList());
        BatchDecider decider = new BatchDecider(null, Clock.systemUTC(), JSON, 100, log);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        decider.decide(ruleset, new ByteArrayInputStream(body), out);
        decider.stop();
        answers.addAll(List.of(out.toString(StandardCharsets.UTF_8).split("\n")));
        return counts;
    }

    @Test
    void theBatchSummaryCountsTheSameWithTheMemoAsWithoutItAndAsTheAnswersSay() throws IOException {
        CompiledRuleset ruleset = new RulesetCompiler().compile(1, RulesetFiles.readDirectory(Path.of("rules")), null);
        byte[] body = variedLines(20_000);
        List<String> memoAnswers = new ArrayList<>();
        List<String> freshAnswers = new ArrayList<>();
        Map<String, Long> memoised = summaryCounts(ruleset, body, memoAnswers);
        // Without the memo every case is an object of its own: more than the tally holds, so it is folded often.
        Map<String, Long> fresh = summaryCounts(ruleset.unmemoised(), body, freshAnswers);

        Map<String, Long> fromAnswers = new TreeMap<>();
        for (String line : memoAnswers) {
            JsonNode answer = JSON.readTree(line);
            if (answer.has("decision")) {
                List<String> reasons = new ArrayList<>();
                answer.get("reasons").forEach(r -> reasons.add(r.get("code").asText()));
                reasons.sort(null);
                fromAnswers.merge(answer.at("/jurisdiction/country").asText() + "|" + answer.get("purpose").asText()
                        + "|" + answer.get("decision").asText() + "|" + reasons, 1L, Long::sum);
            }
        }
        assertThat(memoAnswers).hasSize(20_000);
        assertThat(fromAnswers.size()).as("distinct summary rows").isGreaterThan(10);
        assertThat(fromAnswers.values().stream().mapToLong(Long::longValue).sum()).isGreaterThan(17_000);
        assertThat(memoised).isEqualTo(fromAnswers);
        assertThat(fresh).isEqualTo(fromAnswers);
        // The answers of shared cases come from templates, the others field by field: the same bytes but the decision
        // id and evaluation time, which differ by design.
        assertThat(freshAnswers).hasSameSizeAs(memoAnswers);
        for (int i = 0; i < memoAnswers.size(); i++) {
            assertThat(withoutIdAndTime(memoAnswers.get(i))).as("line %d", i + 1)
                    .isEqualTo(withoutIdAndTime(freshAnswers.get(i)));
        }
    }

    @Test
    void aMemoisedVersionReadsTheUsualLinesFromTheirBytesAndAnswersAsTheRequestCheckDoesErrorsIncluded()
            throws IOException {
        CompiledRuleset ruleset = new RulesetCompiler().compile(1, RulesetFiles.readDirectory(Path.of("rules")), null);
        java.util.SplittableRandom random = new java.util.SplittableRandom(15);
        StringBuilder text = new StringBuilder();
        List<String> unusual = List.of("", "  ", "{ }", "{\"subject\": 1}", "not json", "{\"purpose\":null}");
        for (int i = 0; i < 30_000; i++) {
            text.append(i % 500 == 0 ? unusual.get(i / 500 % unusual.size()) : LineQueriesTests.line(random)).append('\n');
        }
        byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
        // A fixed clock: a line without an instant is asked about now, the same now on both sides.
        Clock clock = Clock.fixed(LineQueriesTests.NOW, java.time.ZoneOffset.UTC);
        List<String> answers = new ArrayList<>();
        for (CompiledRuleset version : List.of(ruleset, ruleset.unmemoised())) {
            BatchDecider decider = new BatchDecider(null, clock, JSON, 100, LOG_OFF);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            decider.decide(version, new ByteArrayInputStream(body), out);
            decider.stop();
            answers.add(out.toString(StandardCharsets.UTF_8));
        }
        String[] memoised = answers.get(0).split("\n");
        String[] fresh = answers.get(1).split("\n");
        assertThat(memoised).hasSize(30_000).hasSameSizeAs(fresh);
        int errors = 0;
        for (int i = 0; i < memoised.length; i++) {
            assertThat(withoutIdAndTime(memoised[i])).as("line %d", i + 1).isEqualTo(withoutIdAndTime(fresh[i]));
            errors += memoised[i].startsWith("{\"line\"") ? 1 : 0;
        }
        assertThat(errors).as("error lines").isBetween(5_000, 28_000);
    }

    @Test
    void theTallyHandsOverTheLinesCountedAtTheTablesPlacesOnceWithTheFirstLinesCountryAndPurpose() {
        BatchRecorder batch = mock(BatchRecorder.class);
        io.jurist.facts.DecisionCase shared = new io.jurist.facts.DecisionCase("m", "GB", null, "GENAI_TRAINING",
                io.jurist.facts.Consent.NOT_SET, java.time.Instant.parse("2025-01-01T00:00:00Z"), null);
        shared.seal();
        io.jurist.ruleset.DecisionQuery gb = new io.jurist.ruleset.DecisionQuery("m", "GB", null, "GENAI_TRAINING",
                io.jurist.facts.Consent.NOT_SET, java.time.Instant.parse("2025-01-01T00:00:00Z"));
        io.jurist.ruleset.DecisionQuery other = new io.jurist.ruleset.DecisionQuery("n", "DE", 3, "OTHER",
                io.jurist.facts.Consent.OPTED_IN, java.time.Instant.parse("2025-01-01T00:00:00Z"));
        CaseTally tally = new CaseTally();
        tally.add(7, shared, gb);
        tally.add(7, shared, other);
        tally.add(7, shared, other);
        tally.add(io.jurist.ruleset.ClassCodes.Seen.LIMIT - 1, shared, other);
        tally.fold(batch);
        List<String> reasons = shared.decisiveReasons().stream().map(io.jurist.facts.Reason::code).toList();
        verify(batch).decided("GB", "GENAI_TRAINING", shared.getEffect().name(), reasons, 3L);
        verify(batch).decided("DE", "OTHER", shared.getEffect().name(), reasons, 1L);
        tally.fold(batch);
        verify(batch, times(2)).decided(anyString(), anyString(), anyString(), anyList(), anyLong());
    }

    private static String withoutIdAndTime(String answer) {
        return answer.replaceFirst("^\\{\"decisionId\":\"[0-9a-f-]{36}\",", "{")
                .replaceFirst(",\"evaluatedAt\":\"[^\"]*\"}$", "}");
    }
}
