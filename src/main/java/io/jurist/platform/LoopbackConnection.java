package io.jurist.platform;

import java.io.BufferedInputStream;
import java.io.Closeable;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.Locale;

/**
 * One HTTP/1.1 keep-alive connection to the node's own port, for the warm-up's loopback requests and nothing
 * else: it writes a request that is already encoded and reads the whole answer (a declared length, chunked, or
 * up to the connection's end), returning its status. It costs the node far less CPU than a general client, so
 * more of the warm-up's time goes to the server's side of each request, and the compiler's time to the server's
 * code instead of a client's that no real request runs.
 */
final class LoopbackConnection implements Closeable {

    /** No header line or chunk-size line of an answer from this node comes near this length. */
    private static final int MAX_LINE = 8192;

    private final InetSocketAddress address;
    private final int timeoutMillis;
    private Socket socket;
    private InputStream in;
    private OutputStream out;

    LoopbackConnection(InetSocketAddress address, int timeoutMillis) {
        this.address = address;
        this.timeoutMillis = timeoutMillis;
    }

    /** A POST of {@code body} to {@code path}, encoded once, to be sent as many times as wanted. */
    static byte[] post(String hostAndPort, String path, String contentType, String authorization, byte[] body) {
        return encode("POST " + path + " HTTP/1.1\r\n"
                + "Host: " + hostAndPort + "\r\n"
                + "Content-Type: " + contentType + "\r\n"
                + "Accept: application/json\r\n"
                + "Authorization: " + authorization + "\r\n"
                + "Content-Length: " + body.length + "\r\n"
                + "\r\n", body);
    }

    /** A GET of {@code path}, encoded once, to be sent as many times as wanted. */
    static byte[] get(String hostAndPort, String path, String authorization) {
        return encode("GET " + path + " HTTP/1.1\r\n"
                + "Host: " + hostAndPort + "\r\n"
                + "Accept: application/json\r\n"
                + "Authorization: " + authorization + "\r\n"
                + "\r\n", new byte[0]);
    }

    private static byte[] encode(String head, byte[] body) {
        byte[] encodedHead = head.getBytes(StandardCharsets.ISO_8859_1);
        byte[] request = new byte[encodedHead.length + body.length];
        System.arraycopy(encodedHead, 0, request, 0, encodedHead.length);
        System.arraycopy(body, 0, request, encodedHead.length, body.length);
        return request;
    }

    /**
     * Sends one encoded request and reads its whole answer; reconnects first when the server closed the
     * connection after the last answer.
     *
     * @return the answer's status code
     */
    int exchange(byte[] request) throws IOException {
        if (socket == null) {
            connect();
        }
        out.write(request);
        out.flush();
        String statusLine = line();
        if (!statusLine.startsWith("HTTP/1.") || statusLine.length() < 12) {
            throw new IOException("not an HTTP/1.x status line: " + statusLine);
        }
        int status = Integer.parseInt(statusLine.substring(9, 12));
        long length = -1;
        boolean chunked = false;
        boolean close = statusLine.startsWith("HTTP/1.0");
        for (String header = line(); !header.isEmpty(); header = line()) {
            int colon = header.indexOf(':');
            if (colon <= 0) {
                throw new IOException("not a header line: " + header);
            }
            String name = header.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = header.substring(colon + 1).trim().toLowerCase(Locale.ROOT);
            switch (name) {
                case "content-length" -> length = Long.parseLong(value);
                case "transfer-encoding" -> chunked = value.endsWith("chunked");
                case "connection" -> close = close || value.contains("close");
                default -> { }
            }
        }
        if (status == 204 || status == 304 || (status >= 100 && status < 200)) {
            length = 0;
        }
        if (chunked) {
            for (long size = chunkSize(); size > 0; size = chunkSize()) {
                skip(size);
                expectLineEnd();
            }
            while (!line().isEmpty()) {
                // trailer fields: nothing wanted from them
            }
        } else if (length >= 0) {
            skip(length);
        } else {
            while (in.read() >= 0) {
                // an answer without a length ends with the connection
            }
            close = true;
        }
        if (close) {
            close();
        }
        return status;
    }

    @Override
    public void close() throws IOException {
        if (socket != null) {
            try {
                socket.close();
            } finally {
                socket = null;
                in = null;
                out = null;
            }
        }
    }

    private void connect() throws IOException {
        Socket opened = new Socket();
        try {
            opened.setTcpNoDelay(true);
            opened.connect(address, timeoutMillis);
            opened.setSoTimeout(timeoutMillis);
            in = new BufferedInputStream(opened.getInputStream(), 16384);
            out = opened.getOutputStream();
            socket = opened;
        } catch (IOException e) {
            opened.close();
            throw e;
        }
    }

    private long chunkSize() throws IOException {
        String line = line();
        int extension = line.indexOf(';');
        String size = (extension < 0 ? line : line.substring(0, extension)).trim();
        try {
            return Long.parseLong(size, 16);
        } catch (NumberFormatException e) {
            throw new IOException("not a chunk size: " + line, e);
        }
    }

    private void expectLineEnd() throws IOException {
        if (!line().isEmpty()) {
            throw new IOException("a chunk is longer than its size says");
        }
    }

    /** One line without its CRLF (a lone LF ends it too). */
    private String line() throws IOException {
        StringBuilder line = new StringBuilder(64);
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new EOFException("the connection ended inside an answer");
            }
            if (line.length() >= MAX_LINE) {
                throw new IOException("a line of the answer is longer than " + MAX_LINE + " bytes");
            }
            line.append((char) b);
        }
        int end = line.length();
        return end > 0 && line.charAt(end - 1) == '\r' ? line.substring(0, end - 1) : line.toString();
    }

    private void skip(long bytes) throws IOException {
        long left = bytes;
        while (left > 0) {
            long skipped = in.skip(left);
            if (skipped <= 0) {
                if (in.read() < 0) {
                    throw new EOFException("the connection ended inside an answer's body");
                }
                skipped = 1;
            }
            left -= skipped;
        }
    }
}
