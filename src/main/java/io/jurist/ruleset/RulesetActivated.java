package io.jurist.ruleset;

import java.util.List;

/**
 * Published inside the transaction that activates a version, so that what listeners write (the event feed)
 * commits with the activation or not at all.
 *
 * @param version           the version now active
 * @param revision          its content hash
 * @param previousVersion   the version it replaced
 * @param summary           the proposal's summary
 * @param activatedBy       who (or which workflow step) activated it
 * @param proposedBy        who proposed it
 * @param processInstanceId the process that governed it, if any
 * @param jurisdictions     the countries whose decisions it changes (empty when its impact is not known)
 * @param purposes          the purposes whose decisions it changes (empty when its impact is not known)
 */
public record RulesetActivated(int version, String revision, int previousVersion, String summary, String activatedBy,
                               String proposedBy, String processInstanceId, List<String> jurisdictions,
                               List<String> purposes) {
}
