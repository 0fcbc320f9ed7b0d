package io.jurist.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.security.core.GrantedAuthority;

class BearerClientsTests {

    private final BearerClients clients = new BearerClients(new ApiTokens(List.of(
            new ApiTokens.Client("data-platform", "token-a", List.of(Groups.DATA_PLATFORM)),
            new ApiTokens.Client("no-token", null, List.of(Groups.ADMIN)),
            new ApiTokens.Client("approvers", "token-b", List.of(Groups.LEGAL_APPROVERS)))));

    @Test
    void findsTheClientABearerHeaderNamesWithItsAuthorities() {
        BearerClients.Client client = clients.find("Bearer token-a");
        assertThat(client.name()).isEqualTo("data-platform");
        assertThat(client.authorities()).extracting(GrantedAuthority::getAuthority)
                .containsExactly("GROUP_data-platform");
        assertThat(clients.find("bearer  token-a ").name()).isEqualTo("data-platform");
        assertThat(clients.find("Bearer token-b").name()).isEqualTo("approvers");
    }

    @Test
    void findsNoClientForAnUnknownOrEmptyTokenOrAnotherScheme() {
        assertThat(clients.find("Bearer token-c")).isNull();
        assertThat(clients.find("Bearer token-a2")).isNull();
        assertThat(clients.find("Bearer ")).isNull();
        assertThat(clients.find("Basic dG9rZW4tYQ==")).isNull();
        assertThat(clients.find("token-a")).isNull();
        assertThat(clients.find(null)).isNull();
        assertThat(BearerClients.isBearer("bEARER x")).isTrue();
        assertThat(BearerClients.isBearer("Basic x")).isFalse();
        assertThat(BearerClients.isBearer(null)).isFalse();
    }

    @Test
    void onlyTheDataPlatformRuleAuthorsAndAdminsMayDecide() {
        assertThat(Groups.MAY_DECIDE).containsExactly("GROUP_data-platform", "GROUP_rule-authors",
                "GROUP_camunda-admin");
        assertThat(clients.find("Bearer token-a").hasAnyAuthority(Groups.MAY_DECIDE)).isTrue();
        assertThat(clients.find("Bearer token-b").hasAnyAuthority(Groups.MAY_DECIDE)).isFalse();
    }
}
