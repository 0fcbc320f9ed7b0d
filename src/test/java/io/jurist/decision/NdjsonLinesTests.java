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

    @Test
    void findsEveryNewlineWhateverTheBytesAroundItAndWhereverTheReadsEnd() throws IOException {
        // Bytes that differ from a newline in one bit, or that borrow when a word is searched, among newlines.
        byte[] alphabet = {'\n', '\n', 'a', '\r', 0x0B, 0x09, 0x08, 0x1A, (byte) 0x8A, (byte) 0x0A ^ 0x40, 0x01, 0x00,
            (byte) 0xFF, (byte) 0x80};
        java.util.SplittableRandom random = new java.util.SplittableRandom(14);
        for (int round = 0; round < 300; round++) {
            byte[] text = new byte[random.nextInt(0, 200)];
            for (int i = 0; i < text.length; i++) {
                text[i] = random.nextInt(4) == 0 ? alphabet[random.nextInt(alphabet.length)] : (byte) 'x';
            }
            List<String> expected = new ArrayList<>();
            int start = 0;
            long number = 0;
            for (int i = 0; i <= text.length; i++) {
                if (i == text.length ? start < text.length : text[i] == '\n') {
                    int end = i > start && text[i - 1] == '\r' && i < text.length ? i - 1 : i;
                    expected.add(++number + ":" + new String(text, start, end - start, StandardCharsets.ISO_8859_1));
                    start = i + 1;
                }
            }
            int most = random.nextInt(1, 20);
            InputStream in = new FilterInputStream(new ByteArrayInputStream(text)) {
                @Override
                public int read(byte[] b, int off, int len) throws IOException {
                    return super.read(b, off, Math.min(len, most));
                }
            };
            NdjsonLines lines = new NdjsonLines(in, 1_000);
            List<String> read = new ArrayList<>();
            while (lines.next()) {
                read.add(lines.number() + ":" + new String(lines.buffer(), lines.start(), lines.length(),
                        StandardCharsets.ISO_8859_1));
            }
            assertThat(read).as("round %d", round).isEqualTo(expected);
        }
    }
}
