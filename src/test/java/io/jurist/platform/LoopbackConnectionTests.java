package io.jurist.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The warm-up's loopback connection reads each kind of answer whole, so the next request on the same connection
 * starts at the next answer, and opens a new connection when the server closed the last one.
 */
class LoopbackConnectionTests {

    private final List<String> requestsSeen = new CopyOnWriteArrayList<>();
    private final List<Integer> connectionsSeen = new CopyOnWriteArrayList<>();
    private ServerSocket server;

    @AfterEach
    void stop() throws IOException {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void readsDeclaredLengthChunkedAndCloseDelimitedAnswersInTurn() throws Exception {
        serve(List.of(
                "HTTP/1.1 400 \r\nContent-Type: application/json\r\nContent-Length: 12\r\n\r\n{\"a\":\"body\"}",
                "HTTP/1.1 200 OK\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nhello\r\n7;ext=1\r\n, world\r\n0\r\n"
                        + "Trailer: x\r\n\r\n",
                "HTTP/1.1 204 No Content\r\n\r\n",
                "HTTP/1.1 401 \r\nContent-Length: 3\r\nConnection: close\r\n\r\nabc",
                "HTTP/1.1 503 \r\n\r\nuntil the end",
                "HTTP/1.1 400 \r\ncontent-length: 2\r\n\r\n{}"));
        byte[] request = LoopbackConnection.post("127.0.0.1:" + server.getLocalPort(), "/api/v1/decisions",
                "application/json", "Bearer t", "{\"x\":1}".getBytes(StandardCharsets.UTF_8));
        List<Integer> statuses = new ArrayList<>();
        try (LoopbackConnection connection = new LoopbackConnection(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5000)) {
            for (int i = 0; i < 6; i++) {
                statuses.add(connection.exchange(request));
            }
        }
        assertThat(statuses).containsExactly(400, 200, 204, 401, 503, 400);
        // The first four answers came over one connection; "Connection: close" and an answer ended by the
        // connection's end each made the client open a new one.
        assertThat(connectionsSeen).containsExactly(0, 0, 0, 0, 1, 2);
        assertThat(requestsSeen).allSatisfy(seen -> assertThat(seen).isEqualTo(
                "POST /api/v1/decisions HTTP/1.1\r\nHost: 127.0.0.1:" + server.getLocalPort() + "\r\n"
                        + "Content-Type: application/json\r\nAccept: application/json\r\n"
                        + "Authorization: Bearer t\r\nContent-Length: 7\r\n\r\n{\"x\":1}"));
    }

    @Test
    void anAnswerCutShortIsAnError() throws Exception {
        serve(List.of("HTTP/1.1 400 \r\nContent-Length: 100\r\n\r\nshort"));
        byte[] request = LoopbackConnection.post("127.0.0.1", "/", "application/json", "Bearer t", new byte[0]);
        try (LoopbackConnection connection = new LoopbackConnection(
                new InetSocketAddress(InetAddress.getLoopbackAddress(), server.getLocalPort()), 5000)) {
            assertThatThrownBy(() -> connection.exchange(request)).isInstanceOf(IOException.class)
                    .hasMessageContaining("ended inside");
        }
    }

    /**
     * A server that answers the i-th request with the i-th answer, whatever the connection, and closes a
     * connection after an answer that says so or has no length.
     */
    private void serve(List<String> answers) throws IOException {
        server = new ServerSocket(0, 10, InetAddress.getLoopbackAddress());
        Thread thread = new Thread(() -> {
            int next = 0;
            int connection = 0;
            try {
                while (next < answers.size()) {
                    try (Socket socket = server.accept()) {
                        InputStream in = socket.getInputStream();
                        OutputStream out = socket.getOutputStream();
                        while (next < answers.size()) {
                            String request = readRequest(in);
                            if (request == null) {
                                break;
                            }
                            requestsSeen.add(request);
                            connectionsSeen.add(connection);
                            String answer = answers.get(next++);
                            out.write(answer.getBytes(StandardCharsets.ISO_8859_1));
                            out.flush();
                            if (answer.contains("Connection: close") || answer.contains("until the end")
                                    || answer.contains("Content-Length: 100")) {
                                break;
                            }
                        }
                    }
                    connection++;
                }
            } catch (IOException e) {
                // the test closed the server
            }
        });
        thread.setDaemon(true);
        thread.start();
    }

    /** A request's head and its Content-Length body, or null at the connection's end. */
    private static String readRequest(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        int b;
        while ((b = in.read()) >= 0) {
            head.write(b);
            byte[] sofar = head.toByteArray();
            int n = sofar.length;
            if (n >= 4 && sofar[n - 4] == '\r' && sofar[n - 3] == '\n' && sofar[n - 2] == '\r' && sofar[n - 1] == '\n') {
                break;
            }
        }
        if (b < 0) {
            return null;
        }
        String text = head.toString(StandardCharsets.ISO_8859_1);
        int length = 0;
        for (String line : text.split("\r\n")) {
            if (line.toLowerCase().startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(15).trim());
            }
        }
        return text + new String(in.readNBytes(length), StandardCharsets.ISO_8859_1);
    }
}
