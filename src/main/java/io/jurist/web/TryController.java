package io.jurist.web;

import io.jurist.api.FieldError;
import io.jurist.facts.Consent;
import io.jurist.facts.DecisionCase;
import io.jurist.facts.Obligation;
import io.jurist.facts.Reason;
import io.jurist.ruleset.ActiveRuleset;
import io.jurist.ruleset.CompiledRuleset;
import io.jurist.ruleset.DecisionQuery;
import io.jurist.ruleset.InvalidRulesetException;
import io.jurist.ruleset.QueryCheck;
import io.jurist.ruleset.RuleInfo;
import io.jurist.ruleset.RulesetCompiler;
import io.jurist.ruleset.ValidationBudget;
import io.jurist.security.Groups;
import java.time.Clock;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.server.ResponseStatusException;

/**
 * "Try a decision": what Jurist would answer for a member, under the active version and under the
 * person's own draft, side by side. The answers come from the decision path itself (the request
 * checks of the API, {@link QueryCheck}, and {@link CompiledRuleset#decide}, the same compiled rules
 * and {@link DecisionCase} the API evaluates); the draft is compiled as a validation compiles it,
 * within the validation budget.
 *
 * <p>A what-if asked by a person is not a decision about a member: nothing here is written to the
 * decision log. So that it cannot serve the data platform as a decision API that leaves no trace,
 * it is a page of the rule editor (login form and session, no HTTP Basic, no bearer token), the
 * question is a POST with the CSRF token, and callers in the data platform's group are refused.
 */
@Controller
@RequestMapping("/try")
class TryController {

    /** The subject id a what-if decides for: no member. */
    static final String SUBJECT = "what-if";

    private final ActiveRuleset active;
    private final Workbench workbench;
    private final RulesetCompiler compiler;
    private final ValidationBudget budget;
    private final Clock clock;

    TryController(ActiveRuleset active, Workbench workbench, RulesetCompiler compiler, ValidationBudget budget,
                  Clock clock) {
        this.active = active;
        this.workbench = workbench;
        this.compiler = compiler;
        this.budget = budget;
        this.clock = clock;
    }

    /** The question as the form sends it; the date and time are UTC. */
    static final class Question {
        private String country = "";
        private String age = "";
        private String consent = Consent.NOT_SET.name();
        private String purpose = "";
        private String date = "";
        private String time = "12:00";

        public String getCountry() { return country; }
        public void setCountry(String country) { this.country = country == null ? "" : country; }
        public String getAge() { return age; }
        public void setAge(String age) { this.age = age == null ? "" : age; }
        public String getConsent() { return consent; }
        public void setConsent(String consent) { this.consent = consent; }
        public String getPurpose() { return purpose; }
        public void setPurpose(String purpose) { this.purpose = purpose; }
        public String getDate() { return date; }
        public void setDate(String date) { this.date = date == null ? "" : date; }
        public String getTime() { return time; }
        public void setTime(String time) { this.time = time == null || time.isBlank() ? "12:00" : time; }
    }

    /** A reason with what it means: the rule's own sentence, the rule, and the rule's basis. */
    record ReasonView(String code, String meaning, String rule, String basis) {
    }

    /**
     * One answer.
     *
     * @param title       which rules answered ("Active version 3", "Your draft")
     * @param decision    PERMIT or DENY
     * @param reasons     the reasons that carry the decision
     * @param obligations what a permit binds the caller to
     * @param rulesFired  every rule that fired, in order
     * @param policy      where the country's policy for the purpose came from, in words
     */
    record Answer(String title, String decision, List<ReasonView> reasons, List<Obligation> obligations,
                  List<String> rulesFired, String policy) {
    }

    @GetMapping
    String form(@ModelAttribute("question") Question question, Authentication user, Model model) {
        refuseMachines(user);
        CompiledRuleset served = active.current();
        if (question.getDate().isEmpty()) {
            question.setDate(LocalDate.now(clock.withZone(ZoneOffset.UTC)).toString());
        }
        if (question.getPurpose() == null || question.getPurpose().isEmpty()) {
            question.setPurpose(served.reference().purposes().keySet().stream().findFirst().orElse(""));
        }
        return page(served, user, model);
    }

    /** Decides the question under the active version and, when the person has one, under their draft. */
    @PostMapping
    String decide(@ModelAttribute("question") Question question, Authentication user, Model model) {
        refuseMachines(user);
        CompiledRuleset served = active.current();
        List<FieldError> errors = new ArrayList<>();
        String code = country(question.getCountry(), errors);
        Integer age = age(question.getAge(), errors);
        String at = question.getDate().strip() + "T" + question.getTime().strip()
                + (question.getTime().strip().length() == 5 ? ":00Z" : "Z");
        Optional<DecisionQuery> query = QueryCheck.check(SUBJECT, code == null ? "GB" : code, age,
                question.getPurpose(), question.getConsent(), at, served.reference(), clock.instant(), errors);
        if (!errors.isEmpty() || query.isEmpty()) {
            model.addAttribute("errors", errors.stream().map(TryController::inWords).toList());
            return page(served, user, model);
        }
        DecisionQuery checked = query.get();
        model.addAttribute("countryName", CountryNames.name(checked.country()) + " (" + checked.country() + ")");
        model.addAttribute("at", checked.at());
        Answer activeAnswer = answer("Active version " + served.version(), served, checked);
        model.addAttribute("activeAnswer", activeAnswer);
        List<Answer> answers = new ArrayList<>(List.of(activeAnswer));
        Map<String, String> changes = user == null ? Map.of() : workbench.changes(user.getName());
        if (!changes.isEmpty()) {
            try {
                Answer draft = budget.run(() -> answer("Your draft", compiler.compile(0,
                        workbench.candidate(user.getName()), null), checked));
                answers.add(draft);
                model.addAttribute("draftAnswer", draft);
                model.addAttribute("verdict", !draft.decision().equals(activeAnswer.decision())
                        ? "Your draft changes the decision: " + activeAnswer.decision() + " becomes " + draft.decision() + "."
                        : !codes(draft).equals(codes(activeAnswer))
                        ? "Your draft gives the same decision, with other reasons."
                        : "Your draft gives the same answer.");
                model.addAttribute("changed", !draft.decision().equals(activeAnswer.decision()));
            } catch (InvalidRulesetException e) {
                model.addAttribute("draftProblems", e.problems());
            }
        }
        model.addAttribute("answers", answers);
        return page(served, user, model);
    }

    private static List<String> codes(Answer answer) {
        return answer.reasons().stream().map(ReasonView::code).toList();
    }

    private String page(CompiledRuleset served, Authentication user, Model model) {
        model.addAttribute("version", served.version());
        model.addAttribute("purposes", served.reference().purposes().values());
        model.addAttribute("consents", Consent.values());
        model.addAttribute("countryNames", CountryNames.all());
        model.addAttribute("hasDraft", user != null && !workbench.changes(user.getName()).isEmpty());
        model.addAttribute("author", Authors.isAuthor(user));
        return "try";
    }

    /** The same question decided by one ruleset, through the API's own evaluation. */
    static Answer answer(String title, CompiledRuleset ruleset, DecisionQuery query) {
        DecisionCase decided = ruleset.decide(query);
        Map<String, String> basis = ruleset.rules().stream()
                .collect(Collectors.toMap(RuleInfo::name, RuleInfo::basis, (a, b) -> a));
        List<ReasonView> reasons = new ArrayList<>();
        for (Reason reason : decided.decisiveReasons()) {
            reasons.add(new ReasonView(reason.code(), reason.message(), reason.rule(),
                    reason.rule() == null ? null : basis.get(reason.rule())));
        }
        String policy = decided.getPolicy() == null
                ? "The jurisdiction table has no row for this country and purpose."
                : CountryPage.of(query.country(), ruleset.reference(), query.at()).purposes().stream()
                        .filter(p -> p.purpose().equals(query.purpose())).findFirst()
                        .map(p -> p.now().words() + " " + p.meaning()).orElse("");
        return new Answer(title, decided.getEffect().name(), reasons, decided.decisiveObligations(),
                decided.getRulesFired(), policy);
    }

    private static String country(String text, List<FieldError> errors) {
        List<String> found = CountryNames.search(text);
        if (text.isBlank()) {
            errors.add(new FieldError("country", "is required: a country's name or code, such as Brazil or BR"));
            return null;
        }
        if (found.size() == 1) {
            return found.get(0);
        }
        if (found.isEmpty()) {
            errors.add(new FieldError("country", "'" + text + "' names no country; write its name (Brazil) or code (BR)"));
        } else {
            errors.add(new FieldError("country", "'" + text + "' names several countries: " + found.stream()
                    .map(c -> CountryNames.name(c) + " (" + c + ")").collect(Collectors.joining(", "))));
        }
        return null;
    }

    private static Integer age(String text, List<FieldError> errors) {
        if (text.isBlank()) {
            return null;
        }
        try {
            return Integer.valueOf(text.strip());
        } catch (NumberFormatException e) {
            errors.add(new FieldError("age", "'" + text + "' is not a whole number of years; leave it empty when unknown"));
            return null;
        }
    }

    private static String inWords(FieldError error) {
        Function<String, String> field = f -> switch (f) {
            case "subject.country" -> "Country";
            case "subject.age" -> "Age";
            case "at" -> "Date and time";
            default -> Character.toUpperCase(f.charAt(0)) + f.substring(1);
        };
        return field.apply(error.field()) + ": " + error.message();
    }

    /** The data platform decides through the API, where every decision is logged; never here. */
    private static void refuseMachines(Authentication user) {
        if (user != null && user.getAuthorities().stream()
                .anyMatch(a -> Groups.authority(Groups.DATA_PLATFORM).equals(a.getAuthority()))) {
            throw new ResponseStatusException(HttpStatus.FORBIDDEN,
                    "Trying decisions is for people; the data platform decides through the API, where decisions are logged");
        }
    }
}
