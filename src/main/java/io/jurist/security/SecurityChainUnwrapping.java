package io.jurist.security;

import java.util.List;
import org.springframework.beans.factory.config.BeanDefinition;
import org.springframework.beans.factory.config.BeanFactoryPostProcessor;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Spring Security's filter chain without the handler lookup Spring MVC wraps around it (issue 14), beside
 * {@link SecurityConfig}, whose matchers are the reason nothing needs that lookup.
 */
@Configuration
class SecurityChainUnwrapping {

    /**
     * Spring Security puts a filter before its chains that asks Spring MVC's handler mappings which handler would
     * serve the request (a full handler lookup on every request, the DispatcherServlet does it again) and keeps the
     * answer for {@code MvcRequestMatcher} and the CORS filter. Jurist uses neither: its matchers are path patterns
     * ({@link SecurityConfig}'s) and {@link PathPrefix}, and no chain enables CORS. This hands the filter chain back unwrapped, so that
     * lookup is gone; which chain applies and what it allows are unchanged (AccessMatrixIntegrationTests).
     * Should a later Spring Security wrap its chain differently, this leaves it as it is.
     */
    @Bean
    static BeanFactoryPostProcessor noHandlerLookupBeforeSecurity() {
        return beanFactory -> {
            if (!(beanFactory instanceof BeanDefinitionRegistry registry) || !registry.containsBeanDefinition(CHAIN)) {
                return;
            }
            BeanDefinition chain = registry.getBeanDefinition(CHAIN);
            BeanDefinition without = withoutHandlerLookup(chain);
            if (without != chain) {
                registry.removeBeanDefinition(CHAIN);
                registry.registerBeanDefinition(CHAIN, without);
            }
        };
    }

    /**
     * The chain's definition without Spring MVC's wrapper (the handler lookup, then the chain); the other wrapper,
     * which parses the request's path once for all path-pattern matchers, stays.
     */
    static BeanDefinition withoutHandlerLookup(BeanDefinition definition) {
        String type = String.valueOf(definition.getBeanClassName());
        var argument = definition.getConstructorArgumentValues().getIndexedArgumentValue(0, List.class);
        if (!type.endsWith("$CompositeFilterChainProxy") || argument == null
                || !(argument.getValue() instanceof List<?> filters)) {
            return definition;
        }
        if (type.endsWith("WebMvcSecurityConfiguration$CompositeFilterChainProxy") && filters.size() == 2
                && filters.get(0) instanceof BeanDefinition cache
                && String.valueOf(cache.getBeanClassName()).endsWith("IntrospectorCacheFilterFactoryBean")
                && filters.get(1) instanceof BeanDefinition chain) {
            return withoutHandlerLookup(chain);
        }
        @SuppressWarnings("unchecked")
        List<Object> elements = (List<Object>) filters;
        for (int i = 0; i < elements.size(); i++) {
            if (elements.get(i) instanceof BeanDefinition inner) {
                elements.set(i, withoutHandlerLookup(inner));
            }
        }
        return definition;
    }

    private static final String CHAIN = "springSecurityFilterChain";
}
