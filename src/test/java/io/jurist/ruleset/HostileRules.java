package io.jurist.ruleset;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The corpus of hostile rule, scenario and table files under {@code src/test/resources/hostile}. Each
 * marks the line where it must be refused with {@code <- refused: <words the refusal contains>}, and
 * writes its canaries through {@code @CANARY@} (a file it would create) and {@code @PROPERTY@} (a system
 * property it would set), which each use fills with a fresh name.
 */
public final class HostileRules {

    private static final Path DIRECTORY = Path.of("src/test/resources/hostile");
    private static final String MARK = "<- refused:";

    /**
     * One hostile file, ready to submit.
     *
     * @param name     the corpus file's name
     * @param path     where it goes in a ruleset
     * @param content  its text with the canaries filled in
     * @param line     the line it must be refused at
     * @param fragment words the refusal must contain
     * @param canary   the file it would create
     * @param property the system property it would set
     */
    public record Hostile(String name, String path, String content, int line, String fragment, Path canary,
                          String property) {

        /** True when the file would have had an effect: the canary file exists or the property is set. */
        public boolean hadAnEffect() {
            return Files.exists(canary) || System.getProperty(property) != null;
        }
    }

    private HostileRules() {
    }

    /** Every file of the corpus, with fresh canaries. */
    public static List<Hostile> all() {
        try (Stream<Path> files = Files.list(DIRECTORY)) {
            return files.sorted().map(HostileRules::load).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Hostile load(Path file) {
        try {
            String name = file.getFileName().toString();
            String id = UUID.randomUUID().toString();
            Path canary = Path.of(System.getProperty("java.io.tmpdir"), "jurist-canary-" + id);
            String property = "jurist.canary." + id;
            String content = Files.readString(file, StandardCharsets.UTF_8)
                    .replace("@CANARY@", canary.toString()).replace("@PROPERTY@", property);
            // Lines end at \n only, as the checker counts them (a lone \r is itself refused).
            List<String> lines = List.of(content.split("\n", -1));
            int line = 0;
            String fragment = null;
            for (int i = 0; i < lines.size(); i++) {
                int mark = lines.get(i).indexOf(MARK);
                if (mark >= 0) {
                    line = i + 1;
                    fragment = lines.get(i).substring(mark + MARK.length()).strip();
                }
            }
            if (fragment == null) {
                throw new IllegalStateException(name + " has no '" + MARK + "' line");
            }
            String path = name.endsWith(".drl") ? "exclusions/" + name
                    : name.endsWith(".yaml") ? "scenarios/" + name : "reference/jurisdictions.csv";
            return new Hostile(name, path, content, line, fragment, canary, property);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
