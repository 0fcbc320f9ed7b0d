package io.jurist.platform;

import io.jurist.audit.DecisionLog;
import io.jurist.audit.DecisionRecord;
import io.jurist.ruleset.ActiveRuleset;
import io.jurist.ruleset.CompiledRuleset;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * The warm-up's second step: the decision log's writes, rehearsed. Records shaped like real ones (made-up
 * subjects, the warm-up's own client name) are written by the log's own insert code into the rehearsal table,
 * committed and deleted again ({@link DecisionLog#rehearseWrite}): the decision log is not touched, and nothing
 * is kept, queued or counted. Without it the writer's database code is compiled while the first real load
 * arrives; measured, it was the largest part of what the compiler still did in a node's first 30 s under load
 * (docs/benchmarks.md).
 */
@Component
@Order(2)
class LogWriteWarmup implements WarmupStep {

    /** Records per transaction, in turn: the writer's transactions vary with the load. */
    private static final int[] TRANSACTION_SIZES = {8, 64, 256};

    private final WarmupProperties properties;
    private final DecisionLog log;
    private final ActiveRuleset active;

    LogWriteWarmup(WarmupProperties properties, DecisionLog log, ActiveRuleset active) {
        this.properties = properties;
        this.log = log;
        this.active = active;
    }

    @Override
    public String name() {
        return "decision log writes";
    }

    @Override
    public String run(Instant deadline) throws Exception {
        if (!log.enabled()) {
            return "left out (the decision log is off)";
        }
        if (properties.logWrites() <= 0) {
            return "left out (jurist.warmup.log-writes=0)";
        }
        CompiledRuleset ruleset = active.current();
        List<String> purposes = new ArrayList<>(ruleset.reference().purposes().keySet());
        int written = 0;
        int transactions = 0;
        for (int i = 0; written < properties.logWrites() && Instant.now().isBefore(deadline); i++) {
            int size = Math.min(TRANSACTION_SIZES[i % TRANSACTION_SIZES.length], properties.logWrites() - written);
            List<DecisionRecord> records = new ArrayList<>(size);
            for (int j = 0; j < size; j++) {
                records.add(record(written + j, purposes, ruleset));
            }
            written += log.rehearseWrite(records);
            transactions++;
        }
        return written + " records written in " + transactions + " transactions and deleted again";
    }

    private static DecisionRecord record(int i, List<String> purposes, CompiledRuleset ruleset) {
        String country = InProcessWarmup.COUNTRIES.get(i % InProcessWarmup.COUNTRIES.size());
        String purpose = purposes.isEmpty() ? "GENAI_TRAINING" : purposes.get(i % purposes.size());
        boolean deny = i % 3 == 0;
        return new DecisionRecord(UUID.randomUUID().toString(), null, Instant.now(), "jurist-warmup",
                "warm-up-" + (i % 1000), country, null, purpose,
                InProcessWarmup.CONSENTS.get(i % InProcessWarmup.CONSENTS.size()), i % 16 == 0 ? null : 10 + i % 70,
                Instant.parse(InProcessWarmup.INSTANTS.get(i % InProcessWarmup.INSTANTS.size())),
                deny ? "DENY" : "PERMIT", List.of(deny ? "WARM_UP_DENIED" : "WARM_UP_PERMITTED"),
                List.of("Warm-up rule"), ruleset.version(), ruleset.revision());
    }
}
