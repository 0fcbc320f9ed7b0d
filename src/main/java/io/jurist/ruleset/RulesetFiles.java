package io.jurist.ruleset;

import io.jurist.api.FieldError;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The full set of files that make a ruleset (DRL, reference tables, scenarios), by path under
 * {@code rules/}, with the content hash that identifies it.
 */
public final class RulesetFiles {

    private static final Pattern RULE_PATH =
            Pattern.compile("[A-Za-z0-9_-]+(/[A-Za-z0-9_-]+)*\\.(drl|csv|yaml|yml|md)");

    private final SortedMap<String, String> files;
    private final String revision;

    public RulesetFiles(Map<String, String> files) {
        this.files = Collections.unmodifiableSortedMap(new TreeMap<>(files));
        this.revision = hash(this.files);
    }

    /** Reads every regular file below the directory, named by its path relative to it. */
    public static RulesetFiles readDirectory(Path directory) {
        SortedMap<String, String> read = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(directory)) {
            for (Path path : (Iterable<Path>) paths.filter(Files::isRegularFile)::iterator) {
                String name = directory.relativize(path).toString().replace('\\', '/');
                if (!name.startsWith(".") && !name.contains("/.")) {
                    read.put(name, Files.readString(path, StandardCharsets.UTF_8));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read the rules directory " + directory, e);
        }
        return new RulesetFiles(read);
    }

    public SortedMap<String, String> files() {
        return files;
    }

    /** {@code sha256:} and the hex digest of every path and content, in path order. */
    public String revision() {
        return revision;
    }

    /** The files with the given changes applied: a null content removes the file. */
    public RulesetFiles with(Map<String, String> changes) {
        SortedMap<String, String> changed = new TreeMap<>(files);
        changes.forEach((path, content) -> {
            if (content == null) {
                changed.remove(path);
            } else {
                changed.put(path, content);
            }
        });
        return new RulesetFiles(changed);
    }

    /**
     * One file that differs between two versions.
     *
     * @param path   the path under {@code rules/}
     * @param change ADDED, REMOVED or MODIFIED
     * @param diff   the unified diff of its lines
     */
    public record FileChange(String path, String change, String diff) {
    }

    /** Every file that differs from these files to the given ones, in path order. */
    public java.util.List<FileChange> changesTo(RulesetFiles after) {
        java.util.TreeSet<String> paths = new java.util.TreeSet<>(files.keySet());
        paths.addAll(after.files.keySet());
        java.util.List<FileChange> changes = new java.util.ArrayList<>();
        for (String path : paths) {
            String old = files.get(path);
            String now = after.files.get(path);
            if (!java.util.Objects.equals(old, now)) {
                String change = old == null ? "ADDED" : now == null ? "REMOVED" : "MODIFIED";
                changes.add(new FileChange(path, change, LineDiff.unified(old == null ? "" : old, now == null ? "" : now)));
            }
        }
        return changes;
    }

    private static String hash(SortedMap<String, String> files) {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            for (Map.Entry<String, String> file : files.entrySet()) {
                update(digest, file.getKey());
                update(digest, file.getValue());
            }
            return "sha256:" + HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void update(MessageDigest digest, String text) {
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        digest.update(java.nio.ByteBuffer.allocate(4).putInt(bytes.length).array());
        digest.update(bytes);
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof RulesetFiles that && files.equals(that.files);
    }

    @Override
    public int hashCode() {
        return files.hashCode();
    }

    /**
     * Adds an error for every path that is not a rule file path under rules/ (letters, digits, - and _; ending
     * .drl, .csv, .yaml, .yml or .md), as a proposal or a validation names them.
     */
    public static void checkPaths(Map<String, String> files, List<FieldError> errors) {
        if (files == null) {
            return;
        }
        for (String path : files.keySet()) {
            if (path.length() > 256 || !RULE_PATH.matcher(path).matches()) {
                errors.add(new FieldError("files." + path, "is not a path under rules/ such as "
                        + "consent/ConsentModels.drl (letters, digits, - and _; ending .drl, .csv, .yaml or .md)"));
            }
        }
    }
}
