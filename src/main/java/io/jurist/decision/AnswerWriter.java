package io.jurist.decision;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.ObjectWriter;
import io.jurist.facts.DecisionCase;
import io.jurist.ruleset.CompiledRuleset;
import io.jurist.ruleset.DecisionQuery;
import java.io.IOException;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;

/**
 * The second stage of a batch: serializes decided chunks to the response on another thread while the
 * request thread reads and decides the next, so a batch uses two cores. A fixed set of chunks
 * circulates between the stages, which keeps memory flat and lets the slower stage set the pace.
 */
final class AnswerWriter {

    /** Up to {@code size} answer lines in input order, and the valid queries among them. */
    static final class Chunk {
        final Object[] answers;
        /** The decision case of each decided answer (null for error lines): answers of one case share a template. */
        final Object[] cases;
        final List<DecisionQuery> queries;
        final int[] slots;
        /** The class code of each valid query ({@link io.jurist.ruleset.ClassCodes}), or -1. */
        final long[] codes;
        /** Where the batch's table of classes keeps the case of each valid query ({@code ClassCodes.Seen#find}), or -1. */
        final int[] seenAt;
        int filled;
        /** The version that decided the chunk and when: a decided line whose answer is still to be made is its query. */
        CompiledRuleset ruleset;
        Instant evaluatedAt;

        Chunk(int size) {
            answers = new Object[size];
            cases = new Object[size];
            queries = new ArrayList<>(size);
            slots = new int[size];
            codes = new long[size];
            seenAt = new int[size];
        }

        boolean full() {
            return filled == answers.length;
        }
    }

    private static final Chunk END = new Chunk(0);
    private static final int CHUNKS = 3; // one filling, one waiting, one being written

    private final BlockingQueue<Chunk> free = new ArrayBlockingQueue<>(CHUNKS);
    private final BlockingQueue<Chunk> written = new ArrayBlockingQueue<>(CHUNKS + 1);
    private final ObjectWriter writer;
    private final JsonGenerator generator;
    private final Future<?> done;
    private volatile Throwable failure;
    private final AnswerJson.SharedTexts sharedTexts = new AnswerJson.SharedTexts();
    private final AnswerJson.Templates templates;

    AnswerWriter(ObjectWriter writer, OutputStream out, int chunkSize, ExecutorService executor) throws IOException {
        this.writer = writer;
        this.generator = writer.getFactory().createGenerator(out);
        // Answers are separated by our own newlines, not Jackson's root-value separator.
        generator.setRootValueSeparator(null);
        this.templates = new AnswerJson.Templates(writer.getFactory(), generator, sharedTexts);
        for (int i = 0; i < CHUNKS; i++) {
            free.add(new Chunk(chunkSize));
        }
        this.done = executor.submit(this::writeAll);
    }

    /** An empty chunk to fill; waits while the writer is behind. */
    Chunk next() throws IOException {
        try {
            Chunk chunk;
            do {
                failIfFailed();
                chunk = free.poll(100, java.util.concurrent.TimeUnit.MILLISECONDS);
            } while (chunk == null);
            return chunk;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while waiting for the answer writer");
        }
    }

    /** Hands a filled (and decided) chunk to the writer. */
    void submit(Chunk chunk) throws IOException {
        failIfFailed();
        written.add(chunk);
    }

    /** Writes what is left, closes the stream, and reports a failure of the writer. */
    void finish() throws IOException {
        written.add(END);
        try {
            done.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new InterruptedIOException("Interrupted while the answers were written");
        } catch (java.util.concurrent.ExecutionException e) {
            failure = e.getCause();
        }
        failIfFailed();
    }

    /** Stops the writer without writing more, when the reading side failed; the writer thread ends. */
    void abort() {
        if (failure == null) {
            failure = new IOException("The batch was abandoned while it was read");
        }
        written.offer(END);
    }

    private void failIfFailed() throws IOException {
        Throwable cause = failure;
        if (cause instanceof IOException io) {
            throw io;
        }
        if (cause != null) {
            throw new IOException("Writing the answers failed", cause);
        }
    }

    private void writeAll() {
        try {
            for (Chunk chunk = written.take(); chunk != END; chunk = written.take()) {
                if (failure == null) {
                    try {
                        write(chunk);
                    } catch (IOException | RuntimeException e) {
                        // The caller has gone or the stream broke: keep the chunks moving so the reader stops too.
                        failure = e;
                    }
                }
                clear(chunk);
                free.add(chunk);
            }
            if (failure == null) {
                generator.close();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            failure = e;
        } catch (IOException e) {
            failure = e;
        }
    }

    private void write(Chunk chunk) throws IOException {
        for (int i = 0; i < chunk.filled; i++) {
            Object answer = chunk.answers[i];
            if (answer instanceof DecisionQuery query) {
                Object decided = chunk.cases[i];
                if (!templates.write(generator, decided, query, chunk.evaluatedAt)) {
                    DecisionResponse decision = Evaluation.answer(query, (DecisionCase) decided,
                            chunk.ruleset, chunk.evaluatedAt);
                    if (!templates.write(generator, decided, decision)) {
                        AnswerJson.write(generator, decision, sharedTexts);
                    }
                }
            } else if (answer instanceof DecisionResponse decision) {
                if (!templates.write(generator, chunk.cases[i], decision)) {
                    AnswerJson.write(generator, decision, sharedTexts);
                }
            } else {
                writer.writeValue(generator, answer);
            }
            generator.writeRaw('\n');
        }
        // Each chunk reaches the caller as soon as it is written.
        generator.flush();
    }

    private static void clear(Chunk chunk) {
        Arrays.fill(chunk.answers, 0, chunk.filled, null);
        Arrays.fill(chunk.cases, 0, chunk.filled, null);
        chunk.queries.clear();
        chunk.ruleset = null;
        chunk.evaluatedAt = null;
        chunk.filled = 0;
    }
}
