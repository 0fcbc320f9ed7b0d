package io.jurist.decision;

import jakarta.servlet.ReadListener;
import jakarta.servlet.ServletInputStream;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;

/** The request with the body bytes already read put back in front of what the connection still holds. */
final class ReplayedRequest extends HttpServletRequestWrapper {

    private final byte[] body;
    private final int length;
    private ServletInputStream stream;
    private BufferedReader reader;

    ReplayedRequest(HttpServletRequest request, byte[] body, int length) {
        super(request);
        this.body = body;
        this.length = length;
    }

    @Override
    public ServletInputStream getInputStream() throws IOException {
        if (reader != null) {
            throw new IllegalStateException("getReader() has already been called for this request");
        }
        if (stream == null) {
            stream = new ReplayStream(body, length, super.getInputStream());
        }
        return stream;
    }

    @Override
    public BufferedReader getReader() throws IOException {
        if (stream != null && reader == null) {
            throw new IllegalStateException("getInputStream() has already been called for this request");
        }
        if (reader == null) {
            String encoding = getCharacterEncoding();
            Charset charset = encoding == null ? StandardCharsets.ISO_8859_1 : Charset.forName(encoding);
            reader = new BufferedReader(new InputStreamReader(new ReplayStream(body, length,
                    super.getInputStream()), charset));
        }
        return reader;
    }

    private static final class ReplayStream extends ServletInputStream {

        private final byte[] body;
        private final int length;
        private final ServletInputStream rest;
        private int position;

        ReplayStream(byte[] body, int length, ServletInputStream rest) {
            this.body = body;
            this.length = length;
            this.rest = rest;
        }

        @Override
        public int read() throws IOException {
            return position < length ? body[position++] & 0xff : rest.read();
        }

        @Override
        public int read(byte[] buffer, int offset, int count) throws IOException {
            if (count == 0) {
                return 0;
            }
            if (position < length) {
                int n = Math.min(count, length - position);
                System.arraycopy(body, position, buffer, offset, n);
                position += n;
                return n;
            }
            return rest.read(buffer, offset, count);
        }

        @Override
        public int available() throws IOException {
            return position < length ? length - position : rest.available();
        }

        @Override
        public boolean isFinished() {
            return position >= length && rest.isFinished();
        }

        @Override
        public boolean isReady() {
            return position < length || rest.isReady();
        }

        @Override
        public void setReadListener(ReadListener listener) {
            rest.setReadListener(listener);
        }
    }
}
