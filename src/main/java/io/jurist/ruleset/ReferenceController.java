package io.jurist.ruleset;

import io.jurist.api.FieldError;
import io.jurist.api.InvalidRequestException;
import io.jurist.facts.ConsentModel;
import io.jurist.facts.Countries;
import io.jurist.facts.JurisdictionPolicy;
import io.jurist.facts.PurposeStatus;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.tags.Tag;
import java.time.Instant;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

@RestController
@RequestMapping("/api/v1")
@Tag(name = "Reference", description = "Purposes and the state of each jurisdiction under the active ruleset")
class ReferenceController {

    /** The policy of one purpose in one jurisdiction. */
    record PurposePolicy(PurposeStatus status, ConsentModel consentModel, Instant since, String reference,
                         String setByRow) {
    }

    /** One country under the active ruleset. */
    record JurisdictionView(String country, String region, Map<String, PurposePolicy> purposes,
                            RulesetRef ruleset) {
    }

    /** The version the answer comes from. */
    record RulesetRef(int version, String revision) {
    }

    private final ActiveRuleset active;

    ReferenceController(ActiveRuleset active) {
        this.active = active;
    }

    @Operation(summary = "The purposes known to the active ruleset", description = "Each purpose's code, name, "
            + "description and Fides data-use category, from the active version's reference/purposes.csv.")
    @GetMapping("/purposes")
    Collection<Purpose> purposes() {
        return active.current().reference().purposes().values();
    }

    @Operation(summary = "One country's region and, per purpose, status, consent model, since when and why",
            description = "Aliases UK and EL are accepted, in any case.")
    @GetMapping("/jurisdictions/{country}")
    JurisdictionView jurisdiction(@PathVariable String country) {
        String code = Countries.normalize(country).orElseThrow(() -> new InvalidRequestException(
                "'" + country + "' is not an assigned ISO 3166-1 alpha-2 country code",
                List.of(new FieldError("country", "must be an ISO 3166-1 alpha-2 code such as GB (UK and EL accepted)"))));
        CompiledRuleset ruleset = active.current();
        Map<String, PurposePolicy> purposes = new LinkedHashMap<>();
        for (JurisdictionPolicy policy : ruleset.reference().policies(code).values()) {
            purposes.put(policy.purpose(), new PurposePolicy(policy.status(), policy.model(), policy.since(),
                    policy.reference(), policy.row()));
        }
        return new JurisdictionView(code, ruleset.reference().regionOf(code), purposes,
                new RulesetRef(ruleset.version(), ruleset.revision()));
    }
}
