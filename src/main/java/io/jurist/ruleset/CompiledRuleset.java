package io.jurist.ruleset;

import io.jurist.facts.DecisionCase;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.kie.api.KieBase;
import org.kie.api.runtime.StatelessKieSession;

/**
 * One ruleset version, compiled and immutable: what every decision is evaluated against.
 *
 * <p>The stateless session keeps no globals, so one instance serves every thread; each call inserts
 * its own {@link DecisionCase} facts and reads the reasons from them.
 */
public final class CompiledRuleset {

    private final int version;
    private final RulesetFiles files;
    private final ReferenceData reference;
    private final List<RuleInfo> rules;
    private final KieBase kieBase;
    private final StatelessKieSession session;
    private final Instant activatedAt;

    CompiledRuleset(int version, RulesetFiles files, ReferenceData reference, List<RuleInfo> rules,
                    KieBase kieBase, Instant activatedAt) {
        this.version = version;
        this.files = files;
        this.reference = reference;
        this.rules = List.copyOf(rules);
        this.kieBase = kieBase;
        this.session = kieBase.newStatelessKieSession();
        this.activatedAt = activatedAt;
    }

    /** The same compiled rules under another version number and activation time. */
    CompiledRuleset as(int newVersion, Instant newActivatedAt) {
        return new CompiledRuleset(newVersion, files, reference, rules, kieBase, newActivatedAt);
    }

    public int version() {
        return version;
    }

    public String revision() {
        return files.revision();
    }

    public RulesetFiles files() {
        return files;
    }

    public ReferenceData reference() {
        return reference;
    }

    public List<RuleInfo> rules() {
        return rules;
    }

    /** When this version became active, or null for a candidate. */
    public Instant activatedAt() {
        return activatedAt;
    }

    /** Decides one query. */
    public DecisionCase decide(DecisionQuery query) {
        DecisionCase decisionCase = toCase(query);
        session.execute(decisionCase);
        return decisionCase;
    }

    /** Decides many queries in one execution; the answers are in the order of the queries. */
    public List<DecisionCase> decideAll(List<DecisionQuery> queries) {
        List<DecisionCase> cases = new ArrayList<>(queries.size());
        for (DecisionQuery query : queries) {
            cases.add(toCase(query));
        }
        session.execute(cases);
        return cases;
    }

    private DecisionCase toCase(DecisionQuery query) {
        return new DecisionCase(query.subjectId(), query.country(), query.age(), query.purpose(),
                query.consent(), query.at(), reference.policyOrNull(query.country(), query.purpose(), query.at()));
    }
}
