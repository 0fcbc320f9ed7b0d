package io.jurist.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class NdjsonLinesTests {

    /** Delivers at most a few bytes a read, as a slow network would. */
    private static InputStream trickle(String text) {
        return new FilterInputStream(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8))) {
            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return super.read(b, off, Math.min(len, 3));
            }
        };
    }

    private static List<String> lines(InputStream in, int max) throws IOException {
        NdjsonLines lines = new NdjsonLines(in, max);
        List<String> read = new ArrayList<>();
        while (lines.next()) {
            read.add(lines.number() + ":" + (lines.tooLong() ? "<too long>"
                    : new String(lines.buffer(), lines.start(), lines.length(), StandardCharsets.UTF_8)));
        }
        return read;
    }

    @Test
    void splitsOnNewlinesDroppingCarriageReturnsAndCountingALastLineWithoutNewline() throws IOException {
        assertThat(lines(trickle("a\r\nbb\n\nccc"), 100)).containsExactly("1:a", "2:bb", "3:", "4:ccc");
        assertThat(lines(trickle("a\n"), 100)).containsExactly("1:a");
        assertThat(lines(trickle(""), 100)).isEmpty();
    }

    @Test
    void reportsALineOverTheLimitWithoutKeepingItAndGoesOn() throws IOException {
        String longLine = "x".repeat(1000);
        assertThat(lines(trickle("ok\n" + longLine + "\nfine\n" + longLine), 64))
                .containsExactly("1:ok", "2:<too long>", "3:fine", "4:<too long>");
        assertThat(lines(new ByteArrayInputStream(("y".repeat(64) + "\nz").getBytes()), 64))
                .containsExactly("1:" + "y".repeat(64), "2:z");
    }
}
