package io.jurist.decision;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.jurist.api.FieldError;
import io.jurist.api.Problems;
import io.jurist.audit.BatchRecorder;
import io.jurist.audit.DecisionLog;
import io.jurist.facts.DecisionCase;
import io.jurist.ruleset.ActiveRuleset;
import io.jurist.ruleset.CompiledRuleset;
import io.jurist.ruleset.DecisionQuery;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Consumer;
import jakarta.annotation.PreDestroy;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.ProblemDetail;
import org.springframework.stereotype.Service;

/**
 * Decides an NDJSON stream of requests into an NDJSON stream of answers, a chunk of lines at a time
 * (one Drools execution per chunk), in order, one answer line per request line: the request thread
 * reads, checks and decides, an {@link AnswerWriter} writes. Memory holds three chunks, whatever the
 * number of lines. Every line of a batch is decided by the version that was active when it began.
 *
 * <p>The decision log gets one summary per batch (counts, a hash of the input), and each line as a decision of its
 * own when per-line logging is on.
 */
@Service
public class BatchDecider {

    /** A line longer than this cannot be one decision request; it is answered with an error. */
    static final int MAX_LINE = 64 * 1024;

    /** An answer line for a request line that could not be decided. */
    record LineError(long line, String error, List<FieldError> errors) {
    }

    private final ActiveRuleset active;
    private final Clock clock;
    private final ObjectReader reader;
    private final JsonFactory json;
    private final ObjectWriter writer;
    private final int chunk;
    private final DecisionLog log;
    private final ExecutorService executor = Executors.newCachedThreadPool(runnable -> {
        Thread thread = new Thread(runnable, "batch-answer-writer");
        thread.setDaemon(true);
        return thread;
    });

    BatchDecider(ActiveRuleset active, Clock clock, ObjectMapper mapper,
                 @Value("${jurist.decisions.batch-chunk:1000}") int chunk, DecisionLog log) {
        this.active = active;
        this.log = log;
        this.clock = clock;
        // The same strict reading as the single endpoint (unknown fields, coercions), line by line.
        this.reader = mapper.readerFor(DecisionRequest.class).with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        // The common line is read by the streaming parser; anything else goes to the reader above.
        this.json = mapper.getFactory();
        // Flushing is done per chunk: a flush per line would cost a write system call per decision.
        this.writer = mapper.writer().without(SerializationFeature.FLUSH_AFTER_WRITE_VALUE);
        this.chunk = Math.max(1, chunk);
    }

    /** Reads request lines from {@code in} and writes one answer line each to {@code out}; returns the count. */
    public long decide(InputStream in, OutputStream out) throws IOException {
        return decide(in, out, null, id -> { });
    }

    /**
     * Reads request lines from {@code in} and writes one answer line each to {@code out}, logging the batch for
     * {@code client}; returns the count.
     *
     * @param batchId receives the batch's id in the decision log before anything is written
     */
    public long decide(InputStream in, OutputStream out, String client, Consumer<String> batchId) throws IOException {
        CompiledRuleset ruleset = active.current();
        BatchRecorder batch = log.startBatch(client, ruleset.version(), ruleset.revision());
        batchId.accept(batch.id());
        return decide(ruleset, in, out, client, batch);
    }

    /** Decides the stream with the given version; the benchmarks call this directly. */
    long decide(CompiledRuleset ruleset, InputStream in, OutputStream out) throws IOException {
        return decide(ruleset, in, out, null, log.startBatch(null, ruleset.version(), ruleset.revision()));
    }

    private long decide(CompiledRuleset ruleset, InputStream input, OutputStream out, String client,
                        BatchRecorder batch) throws IOException {
        InputStream in = batch.digesting(input);
        NdjsonLines lines = new NdjsonLines(in, MAX_LINE);
        AnswerWriter answers = new AnswerWriter(writer, out, chunk, executor);
        List<FieldError> errors = new ArrayList<>(4);
        CaseTally tally = new CaseTally();
        BatchReading reading = new BatchReading(ruleset, clock);
        long count = 0;
        boolean finished = false;
        try {
            AnswerWriter.Chunk current = answers.next();
            while (lines.next()) {
                count++;
                DecisionQuery query = read(lines, ruleset, errors, reading);
                if (query != null) {
                    int valid = current.queries.size();
                    current.slots[valid] = current.filled;
                    current.codes[valid] = reading.code;
                    current.seenAt[valid] = reading.seenAt;
                    // A line of a class the batch met before has its case already: the one the class shares.
                    current.cases[current.filled] = reading.seenAt < 0 ? null : reading.seen.at(reading.seenAt);
                    current.queries.add(query);
                } else {
                    current.answers[current.filled] = error(lines.number(), errors);
                    batch.invalid();
                }
                errors.clear();
                current.filled++;
                if (current.full()) {
                    decide(ruleset, current, client, batch, tally, reading);
                    answers.submit(current);
                    current = answers.next();
                }
            }
            decide(ruleset, current, client, batch, tally, reading);
            answers.submit(current);
            answers.finish();
            finished = true;
        } finally {
            if (!finished) {
                // The caller went away or the input broke: let the writer thread end too.
                answers.abort();
            }
            // What was decided is logged, complete or not.
            tally.fold(batch);
            batch.finish(count, finished);
        }
        return count;
    }

    /** The query of a valid line, or null with the line's errors added. */
    private DecisionQuery read(NdjsonLines lines, CompiledRuleset ruleset, List<FieldError> errors,
                               BatchReading reading) {
        reading.code = -1;
        reading.seenAt = -1;
        if (lines.tooLong()) {
            errors.add(new FieldError("(line)", "is longer than " + MAX_LINE + " bytes; a request is one JSON object"));
            return null;
        }
        if (lines.blank()) {
            errors.add(new FieldError("(line)", "is blank; send one JSON request object per line"));
            return null;
        }
        byte[] buffer = lines.buffer();
        int start = lines.start();
        DecisionRequest request;
        if (reading.compact.read(buffer, start, start + lines.length())) {
            if (reading.queries != null) {
                DecisionQuery query = reading.queries.query(reading.compact);
                if (query != null) {
                    reading.code = reading.queries.code();
                    reading.seenAt = reading.code < 0 ? -1 : reading.seen.find(reading.code);
                    return query;
                }
            }
            // Something to object to (or no memo): checked as a request, which words the errors.
            request = reading.compact.request();
        } else {
            request = RequestLines.stream(json, buffer, start, lines.length());
        }
        return request != null ? Decider.check(request, ruleset, clock.instant(), errors).orElse(null)
                : readSlowly(lines, ruleset, errors);
    }

    /** Databind reads (and words the errors of) every line the streaming parser left to it. */
    private DecisionQuery readSlowly(NdjsonLines lines, CompiledRuleset ruleset, List<FieldError> errors) {
        DecisionRequest request;
        try {
            request = reader.readValue(lines.buffer(), lines.start(), lines.length());
        } catch (JsonParseException e) {
            errors.add(new FieldError(null, "The line is not valid JSON (column " + e.getLocation().getColumnNr()
                    + "): " + e.getOriginalMessage()));
            return null;
        } catch (JsonProcessingException e) {
            ProblemDetail problem = Problems.unreadable(e);
            String detail = problem.getDetail() == null ? "The line is unreadable" : problem.getDetail();
            errors.add(new FieldError(null, detail.replaceFirst("^The body ", "The line ")));
            return null;
        } catch (IOException e) {
            errors.add(new FieldError(null, "is unreadable: " + e.getMessage()));
            return null;
        }
        return Decider.check(request, ruleset, clock.instant(), errors).orElse(null);
    }

    private static LineError error(long line, List<FieldError> errors) {
        StringBuilder text = new StringBuilder();
        List<FieldError> named = new ArrayList<>(errors.size());
        for (FieldError e : errors) {
            if (!text.isEmpty()) {
                text.append("; ");
            }
            if (e.field() == null) {
                text.append(e.message());
            } else {
                text.append(e.field()).append(' ').append(e.message());
                named.add(e);
            }
        }
        return new LineError(line, text.toString(), named);
    }

    /**
     * Decides the chunk's valid lines: those of a class the batch met before have their case already; the others are
     * decided by the version (its memo, else one Drools execution for the chunk). Their answers take their places
     * among the errors. The answers
     * are made by the writer thread (from the query, its case and the chunk's evaluation time), unless each line is
     * logged: then here, so that the logged record and the answer are the same decision (one id).
     */
    private void decide(CompiledRuleset ruleset, AnswerWriter.Chunk chunk, String client, BatchRecorder batch,
                        CaseTally tally, BatchReading reading) {
        List<DecisionQuery> queries = chunk.queries;
        if (queries.isEmpty()) {
            return;
        }
        // The lines of classes the batch had not met: the version decides them (its memo, else one execution).
        List<DecisionQuery> unknown = reading.unknown;
        for (int i = 0; i < queries.size(); i++) {
            if (chunk.cases[chunk.slots[i]] == null) {
                unknown.add(queries.get(i));
            }
        }
        if (!unknown.isEmpty()) {
            List<DecisionCase> cases = ruleset.decideAll(unknown);
            unknown.clear();
            int next = 0;
            for (int i = 0; i < queries.size(); i++) {
                if (chunk.cases[chunk.slots[i]] == null) {
                    DecisionCase decided = cases.get(next++);
                    chunk.cases[chunk.slots[i]] = decided;
                    if (reading.seen != null) {
                        reading.seen.learn(chunk.codes[i], decided);
                    }
                }
            }
        }
        Instant evaluatedAt = clock.instant();
        boolean logged = log.enabled();
        boolean lines = batch.linesLogged();
        chunk.ruleset = ruleset;
        chunk.evaluatedAt = evaluatedAt;
        List<DecisionResponse> decided = null;
        if (lines) {
            List<DecisionCase> cases = new ArrayList<>(queries.size());
            for (int i = 0; i < queries.size(); i++) {
                cases.add((DecisionCase) chunk.cases[chunk.slots[i]]);
            }
            decided = Evaluation.answers(ruleset, queries, cases, evaluatedAt);
        }
        for (int i = 0; i < queries.size(); i++) {
            DecisionQuery query = queries.get(i);
            int slot = chunk.slots[i];
            DecisionCase decisionCase = (DecisionCase) chunk.cases[slot];
            if (logged) {
                int seenAt = chunk.seenAt[i];
                if (seenAt >= 0) {
                    tally.add(seenAt, decisionCase, query);
                } else {
                    tally.add(decisionCase, query, batch);
                }
            }
            if (lines) {
                DecisionResponse answer = decided.get(i);
                chunk.answers[slot] = answer;
                batch.line(LogRecords.of(query, decisionCase, answer, client, batch.id()));
            } else {
                chunk.answers[slot] = query;
            }
        }
    }

    @PreDestroy
    void stop() {
        executor.shutdownNow();
    }
}
