/**
 * Evidence for regulators: for a jurisdiction, a purpose and a window, the versions that were active, the
 * engagements and their correspondence, the suspensions and re-enablements with their approvers, the decisions
 * made, and the change history behind them; as JSON and as a printable page.
 */
package io.jurist.evidence;
