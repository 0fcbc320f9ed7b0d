package io.jurist.security;

import static io.jurist.support.Http.DATA_PLATFORM;
import static org.assertj.core.api.Assertions.assertThat;

import io.jurist.support.Http;
import io.jurist.support.IntegrationTest;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Spring Security's chains run without the filter that looks up Spring MVC's handler before them (issue 14):
 * Jurist's matchers are path patterns, so nothing reads that lookup. Access stays as AccessMatrixIntegrationTests pins.
 */
@IntegrationTest
class NoHandlerLookupInSecurityIntegrationTests {

    @LocalServerPort
    int port;

    @Autowired
    ConfigurableApplicationContext context;

    @Test
    void noFilterBeforeTheSecurityChainsLooksUpTheHandler() {
        BeanDefinition chain = context.getBeanFactory().getBeanDefinition("springSecurityFilterChain");
        List<String> filters = new ArrayList<>();
        collect(chain, filters);
        assertThat(filters).noneMatch(type -> type.contains("HandlerMappingIntrospector"))
                .anyMatch(type -> type.endsWith("ServletRequestPathFilter"));
    }

    @Test
    void decisionsAreStillAuthenticatedAndAuthorised() {
        Http http = new Http(port);
        assertThat(http.postJson("/api/v1/decisions", "{}", null).status()).isEqualTo(401);
        assertThat(http.postJson("/api/v1/decisions", "{}", DATA_PLATFORM).status()).isEqualTo(400);
    }

    private static void collect(BeanDefinition definition, List<String> types) {
        types.add(String.valueOf(definition.getBeanClassName()));
        var argument = definition.getConstructorArgumentValues().getIndexedArgumentValue(0, List.class);
        if (argument != null && argument.getValue() instanceof List<?> inner) {
            inner.stream().filter(BeanDefinition.class::isInstance).map(BeanDefinition.class::cast)
                    .forEach(d -> collect(d, types));
        }
    }
}
