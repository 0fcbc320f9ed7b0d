package io.jurist.decision;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * What a batch may take of the server: its body must keep arriving (an upload trickling in a byte at a
 * time would hold a thread and a connection for as long as the client likes), and one client runs only
 * so many batches at once.
 *
 * @param minReadRate            the body's average rate, from its first byte, must not fall below this per second
 * @param readGrace              ... once this long has passed (a client may take a moment to start)
 * @param maxConcurrentPerClient batches one client (user or token) may have running at once; more are answered 429
 */
@ConfigurationProperties("jurist.decisions.batch")
record BatchLimits(@DefaultValue("1KB") DataSize minReadRate, @DefaultValue("10s") Duration readGrace,
                   @DefaultValue("4") int maxConcurrentPerClient) {

    /** The batches running now, per client. */
    static final class Running {
        private final ConcurrentHashMap<String, AtomicInteger> counts = new ConcurrentHashMap<>();
        private final int max;

        Running(int max) {
            this.max = Math.max(1, max);
        }

        /** Counts a batch of the client in, unless it has the most it may have already. */
        boolean enter(String client) {
            boolean[] entered = new boolean[1];
            counts.compute(client, (k, count) -> {
                AtomicInteger c = count == null ? new AtomicInteger() : count;
                if (c.get() < max) {
                    c.incrementAndGet();
                    entered[0] = true;
                }
                return c;
            });
            return entered[0];
        }

        void leave(String client) {
            counts.computeIfPresent(client, (k, count) -> count.decrementAndGet() <= 0 ? null : count);
        }
    }

    /** The body arrived more slowly than the minimum rate. */
    static final class TooSlowException extends IOException {
        TooSlowException(String message) {
            super(message);
        }
    }

    /** The request body, failing with {@link TooSlowException} as soon as its average rate falls below the minimum. */
    static final class MinimumRate extends InputStream {
        private final InputStream in;
        private final long bytesPerSecond;
        private final long graceNanos;
        private final long start = System.nanoTime();
        private long count;

        MinimumRate(InputStream in, BatchLimits limits) {
            this.in = in;
            this.bytesPerSecond = limits.minReadRate().toBytes();
            this.graceNanos = limits.readGrace().toNanos();
        }

        @Override
        public int read() throws IOException {
            int b = in.read();
            if (b >= 0) {
                count++;
            }
            check();
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = in.read(buffer, offset, length);
            if (n > 0) {
                count += n;
            }
            check();
            return n;
        }

        private void check() throws TooSlowException {
            long elapsed = System.nanoTime() - start;
            if (elapsed > graceNanos && count < (double) bytesPerSecond * elapsed / 1e9) {
                throw new TooSlowException("The batch's body arrived at " + Math.round(count * 1e9 / elapsed)
                        + " bytes per second; the minimum is " + bytesPerSecond + " bytes per second (after the first "
                        + graceNanos / 1_000_000_000L + " s). The lines read so far were decided and logged; send "
                        + "the body as fast as it can go, or in smaller batches.");
            }
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
