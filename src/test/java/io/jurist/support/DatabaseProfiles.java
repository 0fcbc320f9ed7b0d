package io.jurist.support;

import org.springframework.test.context.ActiveProfilesResolver;

/** The profile {@code test}, plus {@code test-postgres} in the PostgreSQL run. */
class DatabaseProfiles implements ActiveProfilesResolver {

    @Override
    public String[] resolve(Class<?> testClass) {
        return TestDatabase.selected() == TestDatabase.POSTGRES
                ? new String[] {"test", "test-postgres"}
                : new String[] {"test"};
    }
}
