package io.jurist.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class PseudonymiserTests {

    @Test
    void isHmacSha256OfTheIdUnderTheKey() {
        // RFC 4231, test case 2.
        assertThat(new Pseudonymiser("Jefe").pseudonym("what do ya want for nothing?"))
                .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void givesTheSamePseudonymForTheSameIdAndKeyAndAnotherUnderAnotherKey() {
        Pseudonymiser one = new Pseudonymiser("a-key-of-at-least-thirty-two-bytes-long");
        String pseudonym = one.pseudonym("member-42");
        assertThat(pseudonym).matches("[0-9a-f]{64}").doesNotContain("member-42").doesNotContain("42");
        assertThat(one.pseudonym("member-42")).isEqualTo(pseudonym);
        assertThat(new Pseudonymiser("a-key-of-at-least-thirty-two-bytes-long").pseudonym("member-42"))
                .isEqualTo(pseudonym);
        assertThat(one.pseudonym("member-43")).isNotEqualTo(pseudonym);
        assertThat(new Pseudonymiser("another-key-of-at-least-thirty-two-bytes").pseudonym("member-42"))
                .isNotEqualTo(pseudonym);
    }

    @Test
    void refusesAMissingOrBlankKey() {
        assertThatThrownBy(() -> new Pseudonymiser(null)).hasMessageContaining("jurist.audit.pseudonymisation-key");
        assertThatThrownBy(() -> new Pseudonymiser(" ")).hasMessageContaining("jurist.audit.pseudonymisation-key");
    }

    @Test
    void keepsOnlyTheAgeBand() {
        assertThat(AgeBand.of(null)).isEqualTo("UNKNOWN");
        assertThat(AgeBand.of(0)).isEqualTo("0-12");
        assertThat(AgeBand.of(12)).isEqualTo("0-12");
        assertThat(AgeBand.of(13)).isEqualTo("13-15");
        assertThat(AgeBand.of(15)).isEqualTo("13-15");
        assertThat(AgeBand.of(16)).isEqualTo("16-17");
        assertThat(AgeBand.of(17)).isEqualTo("16-17");
        assertThat(AgeBand.of(18)).isEqualTo("18+");
        assertThat(AgeBand.of(150)).isEqualTo("18+");
    }
}
