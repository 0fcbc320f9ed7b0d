import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * A constant-rate HTTP load generator with latency corrected for coordinated omission, the method of wrk2, as a
 * single-file program without dependencies: {@code java src/bench/load/ConstantRate.java --url URL --rate R ...}.
 *
 * <p>Request number {@code i} is due at {@code start + i / rate}, whatever happened before it. {@code connections}
 * HTTP/1.1 keep-alive connections each take the next due request, wait until it is due, send it and read the whole
 * answer; its latency is measured from the time it was <em>due</em>, not from when it was sent. So when the server
 * stalls, the requests that should have gone out during the stall count the time they waited for a connection, as
 * the users of a real service would see it (a closed loop that measures from the send would hide all but one
 * request per connection). Every answer is checked: a status in 2xx and, with {@code --expect}, a body containing
 * each of the given substrings; anything else, and any connection failure, is an error.
 *
 * <p>Prints the achieved rate, the percentiles p50, p90, p99, p99.9 and the maximum (exact: every latency is kept),
 * how late the client itself sent (its own lag, to tell when the client is the limit), then one line
 * {@code RESULT key=value ...} for scripts. Exits 1 if any answer was an error, 2 on bad arguments.
 */
public final class ConstantRate {

    private static final String USAGE = """
            usage: java ConstantRate.java --url http://host:port/path --rate REQUESTS_PER_SECOND --duration SECONDS
                   [--connections 32] [--method POST] [--body TEXT | --body-file FILE] [--header 'Name: value']...
                   [--expect SUBSTRING]... [--timeout-ms 10000] [--warmup SECONDS]""";

    public static void main(String[] args) throws Exception {
        Options options;
        try {
            options = Options.parse(args);
        } catch (IllegalArgumentException e) {
            System.err.println(e.getMessage());
            System.err.println(USAGE);
            System.exit(2);
            return;
        }
        long warmupRequests = 0;
        long warmupErrors = 0;
        if (options.warmupSeconds() > 0) {
            // The same schedule for a while first, in the same JVM, so the client's own code is compiled; its
            // answers are checked and counted, its latencies not reported.
            Options warmup = options.withDuration(options.warmupSeconds());
            Result first = new ConstantRate(warmup).run();
            warmupRequests = first.requests();
            warmupErrors = first.errors();
            if (first.firstError() != null) {
                System.out.println("warm-up error: " + first.firstError());
            }
        }
        System.out.println("measuring"); // the measured run starts now (scripts may time an event from this line)
        Result result = new ConstantRate(options).run();
        result.print(options, System.out);
        System.out.printf(Locale.ROOT, "WARMUP requests=%d errors=%d%n", warmupRequests, warmupErrors);
        System.exit(result.errors() == 0 && warmupErrors == 0 ? 0 : 1);
    }

    record Options(URI url, double rate, double durationSeconds, int connections, String method, byte[] body,
                   List<String> headers, List<byte[]> expect, int timeoutMillis, double warmupSeconds) {

        Options withDuration(double seconds) {
            return new Options(url, rate, seconds, connections, method, body, headers, expect, timeoutMillis, 0);
        }

        static Options parse(String[] args) throws IOException {
            URI url = null;
            double rate = 0;
            double duration = 0;
            int connections = 32;
            String method = "POST";
            byte[] body = new byte[0];
            List<String> headers = new ArrayList<>();
            List<byte[]> expect = new ArrayList<>();
            int timeout = 10_000;
            double warmup = 0;
            for (int i = 0; i < args.length; i++) {
                String name = args[i];
                if (i + 1 >= args.length) {
                    throw new IllegalArgumentException("missing value for " + name);
                }
                String value = args[++i];
                switch (name) {
                    case "--url" -> url = URI.create(value);
                    case "--rate" -> rate = Double.parseDouble(value);
                    case "--duration" -> duration = Double.parseDouble(value);
                    case "--connections" -> connections = Integer.parseInt(value);
                    case "--method" -> method = value;
                    case "--body" -> body = value.getBytes(StandardCharsets.UTF_8);
                    case "--body-file" -> body = Files.readAllBytes(Path.of(value));
                    case "--header" -> headers.add(value);
                    case "--expect" -> expect.add(value.getBytes(StandardCharsets.UTF_8));
                    case "--timeout-ms" -> timeout = Integer.parseInt(value);
                    case "--warmup" -> warmup = Double.parseDouble(value);
                    default -> throw new IllegalArgumentException("unknown option " + name);
                }
            }
            if (url == null || !"http".equals(url.getScheme()) || url.getHost() == null) {
                throw new IllegalArgumentException("--url http://host:port/path is required");
            }
            if (rate <= 0 || duration <= 0 || connections <= 0) {
                throw new IllegalArgumentException("--rate, --duration and --connections must be positive");
            }
            return new Options(url, rate, duration, connections, method, body, List.copyOf(headers),
                    List.copyOf(expect), timeout, warmup);
        }

        long total() {
            return Math.max(1, Math.round(rate * durationSeconds));
        }
    }

    private final Options options;
    private final byte[] request;
    private final long total;
    private final long intervalNanos;
    private final long[] latencies; // by request number, nanoseconds from due to answer read; -1 for an error
    private final long[] lags; // by request number, nanoseconds from due to sent
    private final AtomicLong next = new AtomicLong();
    private final AtomicLong errors = new AtomicLong();
    private final AtomicLong ioErrors = new AtomicLong();
    private final AtomicLong badStatus = new AtomicLong();
    private final AtomicLong badBody = new AtomicLong();
    private final AtomicReference<String> firstError = new AtomicReference<>();
    private volatile long lastAnswer;

    ConstantRate(Options options) {
        this.options = options;
        this.total = options.total();
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalArgumentException("too many requests for one run: " + total);
        }
        this.intervalNanos = Math.max(1, Math.round(1e9 / options.rate()));
        this.latencies = new long[(int) total];
        this.lags = new long[(int) total];
        this.request = request(options);
    }

    private static byte[] request(Options options) {
        URI url = options.url();
        String path = (url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath())
                + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery());
        StringBuilder head = new StringBuilder()
                .append(options.method()).append(' ').append(path).append(" HTTP/1.1\r\n")
                .append("Host: ").append(url.getHost()).append(':').append(port(url)).append("\r\n")
                .append("Content-Length: ").append(options.body().length).append("\r\n");
        for (String header : options.headers()) {
            head.append(header).append("\r\n");
        }
        head.append("\r\n");
        byte[] headBytes = head.toString().getBytes(StandardCharsets.ISO_8859_1);
        byte[] bytes = Arrays.copyOf(headBytes, headBytes.length + options.body().length);
        System.arraycopy(options.body(), 0, bytes, headBytes.length, options.body().length);
        return bytes;
    }

    private static int port(URI url) {
        return url.getPort() < 0 ? 80 : url.getPort();
    }

    Result run() throws InterruptedException {
        List<Connection> connections = new ArrayList<>();
        for (int i = 0; i < options.connections(); i++) {
            connections.add(new Connection());
        }
        // The schedule starts once every connection is open (connecting is not part of a request's latency).
        long start = System.nanoTime() + 50_000_000L;
        List<Thread> threads = new ArrayList<>();
        for (Connection connection : connections) {
            Thread thread = new Thread(() -> connection.work(start), "constant-rate");
            thread.setDaemon(true);
            threads.add(thread);
            thread.start();
        }
        for (Thread thread : threads) {
            thread.join();
        }
        for (Connection connection : connections) {
            connection.close();
        }
        double seconds = (lastAnswer - start) / 1e9;
        return new Result(total, errors.get(), ioErrors.get(), badStatus.get(), badBody.get(), firstError.get(),
                total / seconds, latencies, lags);
    }

    private final class Connection {

        private Socket socket;
        private InputStream in;
        private OutputStream out;
        private final byte[] buffer = new byte[64 * 1024];
        private final Response response = new Response();

        Connection() {
            try {
                open();
            } catch (IOException e) {
                socket = null; // retried on the first request, and counted there if it fails again
            }
        }

        private void open() throws IOException {
            close();
            Socket s = new Socket();
            s.setTcpNoDelay(true);
            s.setSoTimeout(options.timeoutMillis());
            s.connect(new InetSocketAddress(options.url().getHost(), port(options.url())), options.timeoutMillis());
            socket = s;
            in = new BufferedInputStream(s.getInputStream(), 64 * 1024);
            out = s.getOutputStream();
        }

        void close() {
            if (socket != null) {
                try {
                    socket.close();
                } catch (IOException ignored) {
                    // closing after the run or after a failure: nothing to report
                }
                socket = null;
            }
        }

        void work(long start) {
            while (true) {
                long i = next.getAndIncrement();
                if (i >= total) {
                    return;
                }
                long due = start + i * intervalNanos;
                long wait;
                while ((wait = due - System.nanoTime()) > 0) {
                    LockSupport.parkNanos(wait);
                }
                int n = (int) i;
                try {
                    if (socket == null) {
                        open();
                    }
                    lags[n] = System.nanoTime() - due;
                    out.write(request);
                    out.flush();
                    read(response);
                    long done = System.nanoTime();
                    latencies[n] = done - due;
                    markAnswer(done);
                    if (response.status < 200 || response.status > 299) {
                        badStatus.incrementAndGet();
                        error(n, "status " + response.status + ": " + response.bodyText());
                    } else if (!response.containsAll(options.expect())) {
                        badBody.incrementAndGet();
                        error(n, "body without the expected text: " + response.bodyText());
                    }
                    if (!response.keepAlive) {
                        close();
                    }
                } catch (IOException | RuntimeException e) {
                    long done = System.nanoTime();
                    latencies[n] = done - due;
                    markAnswer(done);
                    ioErrors.incrementAndGet();
                    error(n, e.toString());
                    close();
                }
            }
        }

        private void error(int n, String what) {
            errors.incrementAndGet();
            firstError.compareAndSet(null, "request " + n + ": " + what);
        }

        /** Reads one whole HTTP/1.1 answer: status line, headers, a body by Content-Length or chunked. */
        private void read(Response r) throws IOException {
            r.reset();
            String status = line();
            if (!status.startsWith("HTTP/1.")) {
                throw new IOException("not an HTTP answer: " + status);
            }
            r.status = Integer.parseInt(status.substring(9, 12));
            r.keepAlive = !status.startsWith("HTTP/1.0");
            long length = -1;
            boolean chunked = false;
            for (String header = line(); !header.isEmpty(); header = line()) {
                int colon = header.indexOf(':');
                if (colon < 0) {
                    continue;
                }
                String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = header.substring(colon + 1).trim();
                switch (name) {
                    case "content-length" -> length = Long.parseLong(value);
                    case "transfer-encoding" -> chunked = value.toLowerCase(Locale.ROOT).contains("chunked");
                    case "connection" -> {
                        if (value.equalsIgnoreCase("close")) {
                            r.keepAlive = false;
                        } else if (value.equalsIgnoreCase("keep-alive")) {
                            r.keepAlive = true;
                        }
                    }
                    default -> {
                    }
                }
            }
            if (chunked) {
                while (true) {
                    String size = line();
                    int semicolon = size.indexOf(';');
                    long chunk = Long.parseLong((semicolon < 0 ? size : size.substring(0, semicolon)).trim(), 16);
                    if (chunk == 0) {
                        while (!line().isEmpty()) {
                            // trailers
                        }
                        break;
                    }
                    body(r, chunk);
                    if (!line().isEmpty()) {
                        throw new IOException("chunk not followed by CRLF");
                    }
                }
            } else if (length >= 0) {
                body(r, length);
            } else {
                throw new IOException("answer without Content-Length or chunked encoding");
            }
        }

        private void body(Response r, long length) throws IOException {
            long left = length;
            while (left > 0) {
                int n = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (n < 0) {
                    throw new IOException("connection closed in a body");
                }
                r.append(buffer, n);
                left -= n;
            }
        }

        private final StringBuilder lineBuilder = new StringBuilder();

        private String line() throws IOException {
            lineBuilder.setLength(0);
            while (true) {
                int c = in.read();
                if (c < 0) {
                    throw new IOException("connection closed");
                }
                if (c == '\n') {
                    int end = lineBuilder.length();
                    if (end > 0 && lineBuilder.charAt(end - 1) == '\r') {
                        lineBuilder.setLength(end - 1);
                    }
                    return lineBuilder.toString();
                }
                lineBuilder.append((char) c);
            }
        }
    }

    private synchronized void markAnswer(long done) {
        if (done > lastAnswer) {
            lastAnswer = done;
        }
    }

    /** One answer: status and body bytes (reused per connection). */
    private static final class Response {

        int status;
        boolean keepAlive;
        byte[] body = new byte[4096];
        int length;

        void reset() {
            status = 0;
            keepAlive = true;
            length = 0;
        }

        void append(byte[] bytes, int n) {
            if (length + n > body.length) {
                body = Arrays.copyOf(body, Math.max(body.length * 2, length + n));
            }
            System.arraycopy(bytes, 0, body, length, n);
            length += n;
        }

        boolean containsAll(List<byte[]> needles) {
            for (byte[] needle : needles) {
                if (!contains(needle)) {
                    return false;
                }
            }
            return true;
        }

        private boolean contains(byte[] needle) {
            outer:
            for (int i = 0; i + needle.length <= length; i++) {
                for (int j = 0; j < needle.length; j++) {
                    if (body[i + j] != needle[j]) {
                        continue outer;
                    }
                }
                return true;
            }
            return false;
        }

        String bodyText() {
            return new String(body, 0, Math.min(length, 300), StandardCharsets.UTF_8);
        }
    }

    record Result(long requests, long errors, long ioErrors, long badStatus, long badBody, String firstError,
                  double achievedRate, long[] latencies, long[] lags) {

        void print(Options options, java.io.PrintStream out) {
            long[] sorted = latencies.clone();
            Arrays.sort(sorted);
            long[] lagSorted = lags.clone();
            Arrays.sort(lagSorted);
            out.printf(Locale.ROOT, "constant rate %.0f/s over %d connections for %.0f s: %s %s%n", options.rate(),
                    options.connections(), options.durationSeconds(), options.method(), options.url());
            out.printf(Locale.ROOT, "requests %d, achieved %.1f/s, errors %d (connection %d, status %d, body %d)%n",
                    requests, achievedRate, errors, ioErrors, badStatus, badBody);
            if (firstError != null) {
                out.println("first error: " + firstError);
            }
            out.printf(Locale.ROOT, "latency from the due time: p50 %s, p90 %s, p99 %s, p99.9 %s, max %s%n",
                    ms(at(sorted, 50)), ms(at(sorted, 90)), ms(at(sorted, 99)), ms(at(sorted, 99.9)),
                    ms(sorted[sorted.length - 1]));
            out.printf(Locale.ROOT, "client's own send lag: p50 %s, p99 %s, max %s%n",
                    ms(at(lagSorted, 50)), ms(at(lagSorted, 99)), ms(lagSorted[lagSorted.length - 1]));
            out.printf(Locale.ROOT, "RESULT target=%.1f achieved=%.1f requests=%d errors=%d p50_us=%d p90_us=%d "
                            + "p99_us=%d p999_us=%d max_us=%d lag_p99_us=%d%n",
                    options.rate(), achievedRate, requests, errors, at(sorted, 50) / 1000, at(sorted, 90) / 1000,
                    at(sorted, 99) / 1000, at(sorted, 99.9) / 1000, sorted[sorted.length - 1] / 1000,
                    at(lagSorted, 99) / 1000);
        }

        /** The nearest-rank percentile: the smallest value that at least p % of the values do not exceed. */
        static long at(long[] sorted, double p) {
            int rank = (int) Math.ceil(p / 100.0 * sorted.length);
            return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
        }

        static String ms(long nanos) {
            return String.format(Locale.ROOT, "%.3f ms", nanos / 1e6);
        }
    }
}
