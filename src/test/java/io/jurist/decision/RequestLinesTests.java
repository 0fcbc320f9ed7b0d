package io.jurist.decision;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.MapperFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.type.LogicalType;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

/**
 * The streaming reader of batch lines either reads a line exactly as databind does, or leaves it to databind: over
 * generated lines, valid and broken, with the application's strict mapper and with a lenient one.
 */
class RequestLinesTests {

    /** As application.yaml and platform/StrictJson configure the application's mapper. */
    private static final ObjectMapper STRICT = strict();
    private static final ObjectMapper LENIENT = new ObjectMapper();

    private static ObjectMapper strict() {
        ObjectMapper mapper = JsonMapper.builder()
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
                .build();
        mapper.coercionConfigFor(LogicalType.Textual)
                .setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        mapper.coercionConfigFor(LogicalType.Integer)
                .setCoercion(CoercionInputShape.String, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail);
        return mapper;
    }

    @Test
    void readsTheCommonLinesItself() {
        for (String line : List.of(
                "{\"subject\":{\"id\":\"m-1\",\"country\":\"GB\",\"age\":34},\"purpose\":\"GENAI_TRAINING\","
                        + "\"consent\":\"NOT_SET\",\"at\":\"2025-01-01T00:00:00Z\"}",
                "  { \"purpose\" : \"P\", \"subject\" : { \"country\" : \"d\\u00e9\", \"id\" : \"x\" } }  ",
                "{}",
                "{\"subject\":{}}",
                "{\"subject\":{\"age\":-2147483648}}")) {
            assertThat(fast(line)).as(line).isNotNull().isEqualTo(databind(STRICT, line));
        }
    }

    @Test
    void leavesEverythingElseToDatabind() {
        for (String line : List.of(
                "null", "[]", "1", "\"x\"", "{", "{}}", "{} {}", "{}x", "{\"subject\":null}",
                "{\"purpose\":null}", "{\"subject\":{\"age\":null}}", "{\"purpose\":1}", "{\"purpose\":true}",
                "{\"subject\":{\"age\":\"34\"}}", "{\"subject\":{\"age\":34.0}}", "{\"subject\":{\"age\":2147483648}}",
                "{\"subject\":{\"age\":034}}", "{\"purpose\":\"a\",\"purpose\":\"b\"}",
                "{\"subject\":{\"id\":\"a\",\"id\":\"b\"}}", "{\"Purpose\":\"a\"}", "{\"other\":1}",
                "{\"subject\":{\"other\":1}}", "{\"subject\":[]}", "{\"subject\":\"x\"}", "{\"at\":{}}",
                "{'purpose':'a'}", "{\"purpose\":\"a\",}", "{\"subject\":{\"country\":\"GB\"}")) {
            assertThat(fast(line)).as(line).isNull();
        }
    }

    @Property(tries = 2000)
    void readsAsDatabindDoesOrLeavesTheLineToIt(@ForAll("lines") String line) {
        DecisionRequest fast = fast(line);
        if (fast != null) {
            assertThat(fast).as(line).isEqualTo(databind(STRICT, line)).isEqualTo(databind(LENIENT, line));
        }
    }

    @Property(tries = 500)
    void readsEveryWellFormedLineItself(@ForAll("wellFormed") String line) {
        assertThat(fast(line)).as(line).isNotNull().isEqualTo(databind(STRICT, line));
    }

    @Property(tries = 2000)
    void theByteReaderReadsAsDatabindDoesOrLeavesTheLineToTheParser(@ForAll("lines") String line) {
        byte[] bytes = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
        DecisionRequest compact = RequestLines.readCompact(bytes, 2, bytes.length - 4);
        if (compact != null) {
            assertThat(compact).as(line).isEqualTo(databind(STRICT, line));
        }
    }

    @Test
    void theByteReaderReadsTheUsualLinesItself() {
        for (String line : List.of(
                "{\"subject\":{\"id\":\"member-1\",\"country\":\"GB\",\"age\":34},\"purpose\":\"GENAI_TRAINING\","
                        + "\"consent\":\"NOT_SET\",\"at\":\"2025-01-01T00:00:00Z\"}",
                "{\"at\":\"x\",\"subject\":{\"age\":0,\"country\":\"uk\"},\"purpose\":\"\"}",
                "{\"subject\":{\"id\":\"m\",\"age\":999999999}}", "{}", "{\"subject\":{}}")) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            assertThat(RequestLines.readCompact(bytes, 0, bytes.length)).as(line).isNotNull()
                    .isEqualTo(databind(STRICT, line));
        }
        // Whitespace, escapes, text beyond ASCII, signs, leading zeros, long numbers: left to the parser.
        for (String line : List.of(" {}", "{} ", "{ }", "{\"purpose\":\"a\\\"b\"}", "{\"purpose\":\"\u00e9\"}",
                "{\"subject\":{\"age\":-1}}", "{\"subject\":{\"age\":034}}", "{\"subject\":{\"age\":1234567890}}",
                "{\"subject\":{\"age\":3.5}}", "{\"purpose\":null}", "{\"purpose\":\"a\",\"purpose\":\"a\"}")) {
            byte[] bytes = line.getBytes(StandardCharsets.UTF_8);
            assertThat(RequestLines.readCompact(bytes, 0, bytes.length)).as(line).isNull();
        }
    }

    @Provide
    Arbitrary<String> wellFormed() {
        Arbitrary<String> text = Arbitraries.of("\"GB\"", "\"uk\"", "\"\"", "\"member-7\"", "\"a\\\"b\"",
                "\"\\u00e9t\\u00e9\"", "\"2025-01-01T00:00:00Z\"", "\"OPTED_IN\"", "\"x y\"");
        Arbitrary<String> age = Arbitraries.of("0", "34", "-1", "150", "2147483647", "-0", "9999");
        Arbitrary<String> subject = Arbitraries.subsetOf("id", "country", "age").flatMap(names ->
                Arbitraries.shuffle(new ArrayList<>(names)).flatMap(order -> fields(order, text, age)));
        return Arbitraries.subsetOf("subject", "purpose", "consent", "at").flatMap(names ->
                Arbitraries.shuffle(new ArrayList<>(names)).flatMap(order -> {
                    List<Arbitrary<String>> parts = new ArrayList<>();
                    for (String name : order) {
                        Arbitrary<String> value = name.equals("subject") ? subject : text;
                        parts.add(value.map(v -> "\"" + name + "\":" + v));
                    }
                    return Combine.joined(parts, ",").map(body -> "{" + body + "}");
                }));
    }

    private static Arbitrary<String> fields(List<String> order, Arbitrary<String> text, Arbitrary<String> age) {
        List<Arbitrary<String>> parts = new ArrayList<>();
        for (String name : order) {
            Arbitrary<String> value = name.equals("age") ? age : text;
            parts.add(value.map(v -> "\"" + name + "\":" + v));
        }
        return Combine.joined(parts, ",").map(body -> "{" + body + "}");
    }

    /** Well-formed lines broken in one or more places by tokens of every kind. */
    @Provide
    Arbitrary<String> lines() {
        Arbitrary<String> token = Arbitraries.of("{", "}", "[", "]", ",", ":", "null", "true", "1", "1.5", "-0",
                "1e3", "01", "99999999999", "\"subject\"", "\"purpose\"", "\"consent\"", "\"at\"", "\"id\"",
                "\"country\"", "\"age\"", "\"x\"", "\"\"", " ", "\"Age\"", "'a'", "/*c*/", "\\u0000");
        return Arbitraries.oneOf(wellFormed(),
                wellFormed().flatMap(line -> Arbitraries.integers().between(0, line.length()).flatMap(at ->
                        token.map(t -> line.substring(0, at) + t + line.substring(at)))),
                wellFormed().flatMap(line -> Arbitraries.integers().between(0, Math.max(0, line.length() - 1))
                        .flatMap(at -> Arbitraries.integers().between(1, 4).map(n ->
                                line.substring(0, at) + line.substring(Math.min(line.length(), at + n))))),
                token.list().ofMinSize(1).ofMaxSize(12).map(ts -> String.join("", ts)));
    }

    private static DecisionRequest fast(String line) {
        byte[] bytes = ("xx" + line + "yy").getBytes(StandardCharsets.UTF_8);
        int length = line.getBytes(StandardCharsets.UTF_8).length;
        return RequestLines.read(STRICT.getFactory(), bytes, 2, length);
    }

    private static DecisionRequest databind(ObjectMapper mapper, String line) {
        ObjectReader reader = mapper.readerFor(DecisionRequest.class)
                .with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
        try {
            return reader.readValue(line);
        } catch (Exception e) {
            throw new AssertionError("databind refuses what the streaming reader read: " + line, e);
        }
    }

    private static final class Combine {
        static Arbitrary<String> joined(List<Arbitrary<String>> parts, String separator) {
            Arbitrary<String> result = Arbitraries.just("");
            boolean first = true;
            for (Arbitrary<String> part : parts) {
                boolean leading = first;
                result = result.flatMap(sofar -> part.map(p -> leading ? p : sofar + separator + p));
                first = false;
            }
            return result;
        }
    }
}
