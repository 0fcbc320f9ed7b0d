package io.jurist.ruleset;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.kie.api.KieBase;
import org.kie.api.KieServices;
import org.kie.api.builder.KieBuilder;
import org.kie.api.builder.KieFileSystem;
import org.kie.api.builder.Message;
import org.kie.api.builder.ReleaseId;
import org.kie.api.builder.model.KieModuleModel;
import org.kie.api.definition.KiePackage;
import org.kie.api.definition.rule.Rule;
import org.kie.api.runtime.KieContainer;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.stereotype.Component;

/**
 * Turns ruleset files into a {@link CompiledRuleset}, or into the list of everything wrong with them,
 * each problem named by its file under {@code rules/} and its line.
 *
 * <p>Every path that compiles rules comes here (validation, proposal, start-up, activation, a node
 * following another's activation), and here the {@link RuleChecker} refuses anything outside the rule
 * language before the Drools compiler sees a single file.
 */
@Component
public final class RulesetCompiler {

    private static final String SOURCE_ROOT = "src/main/resources/";
    private static final Pattern RULE_DECLARATION = Pattern.compile("^\\s*rule\\s+\"((?:[^\"\\\\]|\\\\.)*)\"");
    private static final AtomicLong BUILDS = new AtomicLong();

    private final KieServices services = KieServices.Factory.get();
    private final CompiledRuleset.FiringLimit limit;

    /** A compiler with the standard firing limit, for tests and tools. */
    public RulesetCompiler() {
        this(CompiledRuleset.FiringLimit.standard());
    }

    RulesetCompiler(CompiledRuleset.FiringLimit limit) {
        this.limit = limit;
    }

    @Autowired
    RulesetCompiler(RulesetProperties properties, MeterRegistry meters) {
        this(new CompiledRuleset.FiringLimit(properties.maxFiringsPerDecision(), new LongAdder()));
        FunctionCounter.builder("jurist.decisions.failed.closed", limit.failedClosed(), LongAdder::sum)
                .description("Decisions answered DENY because the rules went past a bound")
                .tag("cause", "firing-limit").register(meters);
    }

    /** Compiles the files; throws {@link InvalidRulesetException} listing every problem. */
    public CompiledRuleset compile(int version, RulesetFiles files, Instant activatedAt) {
        List<RulesetProblem> problems = new ArrayList<>();
        ReferenceData reference = ReferenceData.read(files.files(), problems);
        List<RuleInfo> declared = declaredRules(files);
        if (declared.isEmpty()) {
            problems.add(new RulesetProblem("(ruleset)", 0, "The ruleset has no rule in any .drl file"));
        }
        // The rule language's gate: nothing outside it reaches the Drools compiler.
        RuleChecker.Result checked = RuleChecker.check(files);
        if (!checked.problems().isEmpty()) {
            problems.addAll(checked.problems());
            throw new InvalidRulesetException(problems);
        }
        KieBase kieBase = build(files, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRulesetException(problems);
        }
        List<RuleInfo> rules = withBasis(declared, kieBase, problems);
        if (!problems.isEmpty()) {
            throw new InvalidRulesetException(problems);
        }
        return new CompiledRuleset(version, files, reference, rules, kieBase, activatedAt, checked.ageThresholds(),
                limit, checked.quoted());
    }

    /** The problems of the files, empty when they compile. */
    public List<RulesetProblem> check(RulesetFiles files) {
        try {
            compile(0, files, null);
            return List.of();
        } catch (InvalidRulesetException e) {
            return e.problems();
        }
    }

    private KieBase build(RulesetFiles files, List<RulesetProblem> problems) {
        ReleaseId releaseId = services.newReleaseId("io.jurist.rulesets", "ruleset",
                "1.0." + BUILDS.incrementAndGet());
        KieFileSystem fileSystem = services.newKieFileSystem();
        fileSystem.generateAndWritePomXML(releaseId);
        KieModuleModel module = services.newKieModuleModel();
        // A rule that silently replaces another of the same name would change decisions unseen.
        module.setConfigurationProperty("drools.kbuilder.severity.duplicateRule", "ERROR");
        module.newKieBaseModel("rules").setDefault(true)
                .newKieSessionModel("decide").setDefault(true)
                .setType(org.kie.api.builder.model.KieSessionModel.KieSessionType.STATELESS);
        fileSystem.writeKModuleXML(module.toXML());
        for (Map.Entry<String, String> file : files.files().entrySet()) {
            if (file.getKey().endsWith(".drl")) {
                fileSystem.write(SOURCE_ROOT + file.getKey(), file.getValue());
            }
        }
        KieBuilder builder = services.newKieBuilder(fileSystem).buildAll();
        for (Message message : builder.getResults().getMessages(Message.Level.ERROR)) {
            String path = message.getPath() == null ? "(ruleset)" : message.getPath().replaceFirst("^" + SOURCE_ROOT, "");
            problems.add(new RulesetProblem(path, Math.max(message.getLine(), 0), message.getText().strip()));
        }
        if (!problems.isEmpty()) {
            services.getRepository().removeKieModule(releaseId);
            return null;
        }
        KieContainer container = services.newKieContainer(releaseId);
        // The repository would otherwise keep every module ever built, growing the heap per version.
        services.getRepository().removeKieModule(releaseId);
        return container.getKieBase();
    }

    private static List<RuleInfo> declaredRules(RulesetFiles files) {
        List<RuleInfo> rules = new ArrayList<>();
        for (Map.Entry<String, String> file : files.files().entrySet()) {
            if (!file.getKey().endsWith(".drl")) {
                continue;
            }
            String[] lines = file.getValue().split("\r?\n", -1);
            for (int i = 0; i < lines.length; i++) {
                Matcher matcher = RULE_DECLARATION.matcher(lines[i]);
                if (matcher.find()) {
                    rules.add(new RuleInfo(matcher.group(1), null, file.getKey(), i + 1));
                }
            }
        }
        return rules;
    }

    private static String unquote(String value) {
        String text = value.strip();
        return text.length() >= 2 && text.startsWith("\"") && text.endsWith("\"")
                ? text.substring(1, text.length() - 1) : text;
    }

    private static List<RuleInfo> withBasis(List<RuleInfo> declared, KieBase kieBase, List<RulesetProblem> problems) {
        Map<String, Rule> compiled = new java.util.HashMap<>();
        for (KiePackage kiePackage : kieBase.getKiePackages()) {
            for (Rule rule : kiePackage.getRules()) {
                compiled.put(rule.getName(), rule);
            }
        }
        List<RuleInfo> rules = new ArrayList<>();
        for (RuleInfo info : declared) {
            Rule rule = compiled.get(info.name());
            Object basis = rule == null ? null : rule.getMetaData().get("basis");
            if (basis == null || basis.toString().isBlank()) {
                problems.add(new RulesetProblem(info.file(), info.line(), "Rule \"" + info.name()
                        + "\" must name its policy or legal basis with @basis(\"...\")"));
            } else {
                rules.add(new RuleInfo(info.name(), unquote(basis.toString()), info.file(), info.line()));
            }
        }
        return rules;
    }
}
