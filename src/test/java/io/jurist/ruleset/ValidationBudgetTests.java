package io.jurist.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jurist.api.ApiException;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ValidationBudgetTests {

    private final AtomicBoolean stop = new AtomicBoolean();
    private final ValidationBudget budget = new ValidationBudget(Duration.ofMillis(300), 1);

    @AfterEach
    void release() {
        stop.set(true);
        budget.destroy();
    }

    /** Spins, ignoring interrupts, as a loop compiled into a rule would. */
    private Integer spin() {
        long spins = 0;
        while (!stop.get()) {
            spins++;
        }
        return (int) spins;
    }

    @Test
    void aValidationThatNeverEndsIsAnsweredWithinItsBudget() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () ->
                assertThatThrownBy(() -> budget.run(this::spin)).isInstanceOfSatisfying(ApiException.class, e -> {
                    assertThat(e.status().value()).isEqualTo(422);
                    assertThat(e.title()).isEqualTo("Validation took too long");
                }));
    }

    @Test
    void whileItsThreadIsStuckFurtherValidationsAreRefusedAsBusyNotHung() {
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> {
            assertThatThrownBy(() -> budget.run(this::spin)).isInstanceOf(ApiException.class);
            assertThatThrownBy(() -> budget.run(() -> 1)).isInstanceOfSatisfying(ApiException.class,
                    e -> assertThat(e.status().value()).isEqualTo(503));
        });
    }

    @Test
    void aValidationWithinItsBudgetAnswersAndPassesItsErrorsOn() {
        assertThat(budget.run(() -> 42)).isEqualTo(42);
        assertThatThrownBy(() -> budget.run(() -> {
            throw new IllegalArgumentException("bad");
        })).isInstanceOf(IllegalArgumentException.class).hasMessage("bad");
    }
}
