package io.jurist.web;

import static org.assertj.core.api.Assertions.assertThat;

import javax.sql.DataSource;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.jdbc.JdbcTest;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;

/** Drafts live in the database (the Flyway migration's table), so a reload or a restart keeps them. */
@JdbcTest
@Import(Drafts.class)
class DraftsTests {

    @Autowired
    Drafts drafts;

    @Autowired
    DataSource dataSource;

    @Test
    void keepsTheFirstBaseWhileTheContentChanges() {
        drafts.save("alice", "consent/ConsentModels.drl", "one", 3, "sha256:base");
        drafts.save("alice", "consent/ConsentModels.drl", "two", 4, "sha256:other");
        Drafts.Draft draft = drafts.of("alice").get("consent/ConsentModels.drl");
        assertThat(draft.content()).isEqualTo("two");
        assertThat(draft.baseVersion()).isEqualTo(3);
        assertThat(draft.baseRevision()).isEqualTo("sha256:base");
    }

    @Test
    void anotherInstanceOverTheSameDatabaseSeesTheDraftsAsAfterARestart() {
        drafts.save("alice", "reference/jurisdictions.csv", "table", 1, Drafts.ABSENT);
        Drafts afterRestart = new Drafts(JdbcClient.create(dataSource));
        assertThat(afterRestart.of("alice")).containsKey("reference/jurisdictions.csv");
    }

    @Test
    void tellsEachAuthorWhoElseEditsTheSameFile() {
        drafts.save("alice", "reference/jurisdictions.csv", "a", 1, "sha256:x");
        drafts.save("erin", "reference/jurisdictions.csv", "b", 1, "sha256:x");
        drafts.save("erin", "exclusions/Minors.drl", "c", 1, "sha256:y");
        assertThat(drafts.others("alice", "reference/jurisdictions.csv")).extracting(Drafts.Draft::author)
                .containsExactly("erin");
        assertThat(drafts.others("alice", "exclusions/Minors.drl")).extracting(Drafts.Draft::author)
                .containsExactly("erin");
        assertThat(drafts.others("erin", "exclusions/Minors.drl")).isEmpty();
    }

    @Test
    void discardsOneFileOrAllOfAnAuthorsDrafts() {
        drafts.save("alice", "a.drl", "a", 1, "x");
        drafts.save("alice", "b.drl", "b", 1, "x");
        drafts.discard("alice", "a.drl");
        assertThat(drafts.of("alice")).containsOnlyKeys("b.drl");
        drafts.discardAll("alice");
        assertThat(drafts.of("alice")).isEmpty();
    }

    @Test
    void namesTheRevisionOfAFileOrItsAbsence() {
        assertThat(Drafts.revision(null)).isEqualTo(Drafts.ABSENT);
        assertThat(Drafts.revision("x")).startsWith("sha256:").isNotEqualTo(Drafts.revision("y"));
    }
}
