package io.jurist.decision;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** The byte reader's word-at-a-time test of plain bytes, and its fields as ranges of the line. */
class CompactLineTests {

    @Test
    void aLineIsPlainExactlyWhenEveryByteIsPrintableAsciiOtherThanTheBackslash() {
        // The bytes at each edge of the test, and their neighbours, among plain ones, at every place of a word.
        int[] edges = {0x00, 0x01, 0x1F, 0x20, 0x21, 0x5B, 0x5C, 0x5D, 0x7E, 0x7F, 0x80, 0x81, 0xA0, 0xDC, 0xFF};
        SplittableRandom random = new SplittableRandom(14);
        for (int round = 0; round < 200_000; round++) {
            byte[] b = new byte[random.nextInt(0, 40)];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) (random.nextInt(8) == 0 ? edges[random.nextInt(edges.length)] : random.nextInt(0x20, 0x7F));
            }
            int from = b.length == 0 ? 0 : random.nextInt(b.length);
            int to = random.nextInt(from, b.length + 1);
            boolean plain = true;
            for (int i = from; i < to; i++) {
                plain &= b[i] >= 0x20 && b[i] != '\\' && b[i] != 0x7F;
            }
            assertThat(CompactLine.plain(b, from, to)).as("round %d", round).isEqualTo(plain);
        }
    }

    @Test
    void keepsEachFieldAsTheRangeOfItsText() {
        CompactLine line = new CompactLine();
        for (String text : new String[] {
            "{\"subject\":{\"id\":\"m-1\",\"country\":\"uk\",\"age\":7},\"purpose\":\"P\",\"consent\":\"NOT_SET\",\"at\":\"t\"}",
            "{\"at\":\"t\",\"consent\":\"NOT_SET\",\"purpose\":\"P\",\"subject\":{\"age\":7,\"country\":\"uk\",\"id\":\"m-1\"}}"}) {
            byte[] b = ("..." + text + "..").getBytes(StandardCharsets.US_ASCII);
            assertThat(line.read(b, 3, b.length - 2)).as(text).isTrue();
            assertThat(range(line, CompactLine.ID)).isEqualTo("m-1");
            assertThat(range(line, CompactLine.COUNTRY)).isEqualTo("uk");
            assertThat(range(line, CompactLine.PURPOSE)).isEqualTo("P");
            assertThat(range(line, CompactLine.CONSENT)).isEqualTo("NOT_SET");
            assertThat(range(line, CompactLine.AT)).isEqualTo("t");
            assertThat(line.has(CompactLine.AGE)).isTrue();
            assertThat(line.age()).isEqualTo(7);
        }
        byte[] b = "{\"subject\":{\"id\":\"m\"}}".getBytes(StandardCharsets.US_ASCII);
        assertThat(line.read(b, 0, b.length)).isTrue();
        assertThat(line.has(CompactLine.SUBJECT) && line.has(CompactLine.ID)).isTrue();
        assertThat(line.has(CompactLine.COUNTRY) || line.has(CompactLine.AGE) || line.has(CompactLine.PURPOSE)
                || line.has(CompactLine.CONSENT) || line.has(CompactLine.AT)).as("nothing from the line before").isFalse();
        // A name that begins as a known one, or a known one not followed by its colon, is not one.
        for (String text : new String[] {"{\"subjects\":{}}", "{\"subject\" :{}}", "{\"at\":\"x\",\"a\":\"y\"}",
            "{\"purpose\":\"a\"b\"}"}) {
            byte[] t = text.getBytes(StandardCharsets.US_ASCII);
            assertThat(line.read(t, 0, t.length)).as(text).isFalse();
        }
    }

    private static String range(CompactLine line, int field) {
        return new String(line.bytes(), line.from(field), line.to(field) - line.from(field), StandardCharsets.US_ASCII);
    }
}
