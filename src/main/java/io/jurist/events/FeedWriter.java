package io.jurist.events;

import io.jurist.engagement.ChangeKind;
import io.jurist.engagement.JurisdictionChangeCompleted;
import io.jurist.ruleset.RulesetActivated;
import java.util.List;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/**
 * Writes the feed from the domain events of activations and completed jurisdiction changes. The listeners run
 * in the publisher's transaction: an event exists exactly when its change committed, and a failing write
 * rolls the change back.
 */
@Component
class FeedWriter {

    private final EventLog log;

    FeedWriter(EventLog log) {
        this.log = log;
    }

    @EventListener
    void on(RulesetActivated activated) {
        log.append(EventType.RULESET_ACTIVATED, activated.version(), List.of(), List.of(), activated.activatedBy(),
                "Ruleset version " + activated.version() + " (" + activated.revision() + ") activated: "
                        + activated.summary());
    }

    @EventListener
    void on(JurisdictionChangeCompleted change) {
        if (!change.activated()) {
            return;
        }
        boolean suspension = change.kind() == ChangeKind.SUSPENSION;
        log.append(suspension ? EventType.JURISDICTION_SUSPENDED : EventType.JURISDICTION_REENABLED,
                change.rulesetVersion(), change.jurisdictions(), List.of(change.purpose()), change.changeId(),
                (suspension ? "Suspended: " : "Re-enabled under " + change.consentModel() + ": ") + change.reason());
    }
}
