package io.jurist.web;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Repository;

/** Each author's unsubmitted file edits, in the database so that they survive reloads and restarts. */
@Repository
class Drafts {

    /** The base revision of a file the active version did not have. */
    static final String ABSENT = "absent";

    /**
     * One edited file.
     *
     * @param author       who edits it
     * @param path         the path under rules/
     * @param content      the edited content
     * @param baseVersion  the active version when editing began
     * @param baseRevision the hash of the file in that version, so that a later change to it shows
     * @param savedAt      when it was last saved
     */
    record Draft(String author, String path, String content, int baseVersion, String baseRevision, Instant savedAt) {
    }

    private final JdbcClient jdbc;

    Drafts(JdbcClient jdbc) {
        this.jdbc = jdbc;
    }

    /** The author's drafts by path. */
    Map<String, Draft> of(String author) {
        Map<String, Draft> drafts = new LinkedHashMap<>();
        jdbc.sql("select author, path, content, base_version, base_revision, saved_at from jurist_draft "
                        + "where author = ? order by path").param(author)
                .query(Drafts::map).list().forEach(d -> drafts.put(d.path(), d));
        return drafts;
    }

    /** Other authors' drafts of the same file: the people who may overwrite each other. */
    List<Draft> others(String author, String path) {
        return jdbc.sql("select author, path, content, base_version, base_revision, saved_at from jurist_draft "
                        + "where path = ? and author <> ? order by saved_at").params(path, author)
                .query(Drafts::map).list();
    }

    /** Saves a file's draft; the base stays what it was when the author first edited the file. */
    void save(String author, String path, String content, int baseVersion, String baseRevision) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC);
        int updated = jdbc.sql("update jurist_draft set content = ?, saved_at = ? where author = ? and path = ?")
                .params(content, now, author, path).update();
        if (updated == 0) {
            jdbc.sql("insert into jurist_draft (author, path, content, base_version, base_revision, saved_at) "
                    + "values (?, ?, ?, ?, ?, ?)").params(author, path, content, baseVersion, baseRevision, now)
                    .update();
        }
    }

    /** Drops one file's draft. */
    void discard(String author, String path) {
        jdbc.sql("delete from jurist_draft where author = ? and path = ?").params(author, path).update();
    }

    /** Drops all of an author's drafts, once they were submitted. */
    void discardAll(String author) {
        jdbc.sql("delete from jurist_draft where author = ?").param(author).update();
    }

    /** The revision of one file's content, or {@link #ABSENT}. */
    static String revision(String content) {
        if (content == null) {
            return ABSENT;
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(content.getBytes(StandardCharsets.UTF_8));
            return "sha256:" + HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Draft map(java.sql.ResultSet rs, int row) throws java.sql.SQLException {
        return new Draft(rs.getString("author"), rs.getString("path"), rs.getString("content"),
                rs.getInt("base_version"), rs.getString("base_revision"),
                rs.getObject("saved_at", OffsetDateTime.class).toInstant());
    }
}
