package io.jurist.web;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CountryNamesTests {

    @Test
    void findsACountryByItsCodeOrNameInAnyCaseWithoutAccents() {
        for (String query : new String[] {"BR", "br", "brazil", "Brazil", "BRAZIL", " Brazil ", "Brésil", "bresil", "Brasil"}) {
            assertThat(CountryNames.search(query)).as(query).containsExactly("BR");
        }
        assertThat(CountryNames.search("cote d'ivoire")).containsExactly("CI");
        assertThat(CountryNames.search("Côte d’Ivoire")).containsExactly("CI");
        assertThat(CountryNames.search("UK")).containsExactly("GB");
        assertThat(CountryNames.search("united kingdom")).containsExactly("GB");
        assertThat(CountryNames.name("BR")).isEqualTo("Brazil");
        assertThat(CountryNames.exact("Brésil")).contains("BR");
        assertThat(CountryNames.exact("brazi")).isEmpty();
    }

    @Test
    void listsEveryCountryAPartOfANameMatchesAndNothingForTooLittleOrNoMatch() {
        assertThat(CountryNames.search("guinea")).containsExactly("GN");
        assertThat(CountryNames.search("guin")).contains("GN", "GQ", "GW", "PG");
        assertThat(CountryNames.search("brazi")).containsExactly("BR");
        assertThat(CountryNames.search("b")).isEmpty();
        assertThat(CountryNames.search("zz")).isEmpty();
        assertThat(CountryNames.search("minors")).isEmpty();
        assertThat(CountryNames.search("")).isEmpty();
    }
}
