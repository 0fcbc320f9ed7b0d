package io.jurist.decision;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
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
}
