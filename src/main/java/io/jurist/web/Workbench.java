package io.jurist.web;

import io.jurist.ruleset.ActiveRuleset;
import io.jurist.ruleset.CompiledRuleset;
import io.jurist.ruleset.RulesetChanges;
import io.jurist.ruleset.RulesetFiles;
import io.jurist.ruleset.Validation;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** An author's working copy: the active version with their drafts on top, checked and submitted as one. */
@Service
class Workbench {

    private final Drafts drafts;
    private final ActiveRuleset active;
    private final RulesetChanges changes;

    Workbench(Drafts drafts, ActiveRuleset active, RulesetChanges changes) {
        this.drafts = drafts;
        this.active = active;
        this.changes = changes;
    }

    /** One file as the author sees it. */
    record FileView(String path, String content, boolean edited, String baseRevision) {
    }

    /** Every file of the working copy by path, drafts replacing the active version's content. */
    Map<String, FileView> files(String author) {
        CompiledRuleset served = active.current();
        Map<String, Drafts.Draft> mine = drafts.of(author);
        Map<String, FileView> files = new TreeMap<>();
        served.files().files().forEach((path, content) -> files.put(path,
                new FileView(path, content, false, Drafts.revision(content))));
        mine.values().forEach(d -> files.put(d.path(), new FileView(d.path(), d.content(),
                !d.content().equals(served.files().files().get(d.path())), d.baseRevision())));
        return files;
    }

    /** The author's changes: each drafted file whose content differs from the active version. */
    Map<String, String> changes(String author) {
        Map<String, String> activeFiles = active.current().files().files();
        Map<String, String> changed = new LinkedHashMap<>();
        drafts.of(author).values().stream().filter(d -> !d.content().equals(activeFiles.get(d.path())))
                .forEach(d -> changed.put(d.path(), d.content()));
        return changed;
    }

    /** The author's changes in words: each changed file against the active version. */
    List<ChangesInWords.FileChange> changesInWords(String author) {
        Map<String, String> activeFiles = active.current().files().files();
        Map<String, String> before = new TreeMap<>();
        changes(author).keySet().forEach(path -> {
            if (activeFiles.containsKey(path)) {
                before.put(path, activeFiles.get(path));
            }
        });
        return ChangesInWords.between(before, changes(author));
    }

    /** Saves one file; the base is the active version's file as the author first loaded it. */
    void save(String author, String path, String content, String loadedBaseRevision) {
        CompiledRuleset served = active.current();
        Drafts.Draft existing = drafts.of(author).get(path);
        String base = existing != null ? existing.baseRevision()
                : loadedBaseRevision != null && !loadedBaseRevision.isBlank() ? loadedBaseRevision
                : Drafts.revision(served.files().files().get(path));
        int baseVersion = existing != null ? existing.baseVersion() : served.version();
        drafts.save(author, path, normalise(content), baseVersion, base);
    }

    void discard(String author, String path) {
        drafts.discard(author, path);
    }

    /** What an author should know before overwriting someone: other drafts, and the file moving under them. */
    List<String> warnings(String author, String path) {
        List<String> warnings = new ArrayList<>();
        for (Drafts.Draft other : drafts.others(author, path)) {
            warnings.add(other.author() + " is also editing " + path + " (draft saved " + other.savedAt()
                    + "); whoever submits second will have to redo the change on the new version.");
        }
        Drafts.Draft mine = drafts.of(author).get(path);
        CompiledRuleset served = active.current();
        if (mine != null && !mine.baseRevision().equals(Drafts.revision(served.files().files().get(path)))) {
            warnings.add(path + " changed in the active version " + served.version() + " since you started from "
                    + "version " + mine.baseVersion() + "; compare before submitting, or discard your draft.");
        }
        return warnings;
    }

    /** The same checks a proposal runs, on the working copy. */
    Validation validate(String author) {
        return changes.validate(candidate(author));
    }

    RulesetFiles candidate(String author) {
        return changes.candidate(null, changes(author));
    }

    /** Submits the working copy for approval and clears the drafts it consisted of. */
    @Transactional
    RulesetChanges.Proposed submit(String author, String summary) {
        RulesetChanges.Proposed proposed = changes.propose(summary, candidate(author), author);
        drafts.discardAll(author);
        return proposed;
    }

    /** Text areas send CRLF; files keep LF so that revisions do not change by editing nothing. */
    static String normalise(String content) {
        return content == null ? "" : content.replace("\r\n", "\n");
    }

}
