package io.jurist.audit.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import org.junit.jupiter.api.Test;

class StoreFailuresTests {

    @Test
    void theDatabaseFailingIsToldFromTheDataBeingRefused() {
        var lostConnection = new SQLException("gone", "08006");
        var deadlock = new SQLException("deadlock", "40P01");
        var tooLong = new SQLException("value too long", "22001");
        var duplicate = new SQLException("duplicate key", "23505");

        assertThat(StoreFailures.databaseFailure(new RuntimeException(lostConnection))).isTrue();
        assertThat(StoreFailures.databaseFailure(deadlock)).isTrue();
        assertThat(StoreFailures.databaseFailure(new SQLTransientConnectionException("pool timed out"))).isTrue();
        assertThat(StoreFailures.databaseFailure(tooLong)).isFalse();
        assertThat(StoreFailures.refusedData(tooLong)).isTrue();
        assertThat(StoreFailures.refusedData(new RuntimeException(duplicate))).isTrue();
        assertThat(StoreFailures.refusedData(lostConnection)).isFalse();
    }

    @Test
    void aChainedExceptionCountsToo() {
        var first = new SQLException("batch entry failed", "XX000");
        first.setNextException(new SQLException("connection reset", "08003"));

        assertThat(StoreFailures.databaseFailure(first)).isTrue();
    }

    @Test
    void aRecordTheColumnsCannotHoldIsItsOwnFaultWhateverTheDatabaseSays() {
        var unconvertible = new StoreFailures.UnconvertibleRecordException("record",
                new IllegalArgumentException("age out of range", new SQLException("gone", "08006")));

        assertThat(StoreFailures.unconvertible(new RuntimeException(unconvertible))).isTrue();
        assertThat(StoreFailures.databaseFailure(unconvertible)).isFalse();
        assertThat(StoreFailures.unconvertible(new SQLException("gone", "08006"))).isFalse();
    }

    @Test
    void aFailureIsDescribedByItsTypeAndStateNeverItsData() {
        var refused = new SQLException("value 'member-42' too long", "22001");

        assertThat(StoreFailures.describe(new RuntimeException("wrapped member-42", refused)))
                .isEqualTo("SQLException (SQLSTATE 22001)");
        assertThat(StoreFailures.describe(new IllegalStateException("member-42", new ArithmeticException("x"))))
                .isEqualTo("IllegalStateException: ArithmeticException");
    }
}
