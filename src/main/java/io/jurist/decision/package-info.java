/** Decisions over REST for the data platform: may this member's data be used for this purpose now? */
package io.jurist.decision;
