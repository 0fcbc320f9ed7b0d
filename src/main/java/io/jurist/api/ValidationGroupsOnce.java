package io.jurist.api;

import java.lang.reflect.Method;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.springframework.boot.autoconfigure.web.servlet.WebMvcRegistrations;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.MethodParameter;
import org.springframework.validation.method.MethodValidationResult;
import org.springframework.validation.method.MethodValidator;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerAdapter;
import org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod;

/**
 * Spring MVC asks its method validator for a handler's validation groups on every request (a search of the
 * controller's class and method for {@code @Validated}, a few per cent of a decision's cost, issue 14); the answer
 * depends only on the controller's class and the method, so this asks once per pair and keeps it. Everything else
 * (which arguments are validated, how, and what a violation answers) is Spring's own, delegated unchanged.
 */
@Configuration
class ValidationGroupsOnce implements WebMvcRegistrations {

    @Override
    public RequestMappingHandlerAdapter getRequestMappingHandlerAdapter() {
        return new Adapter();
    }

    /** Spring Boot's handler adapter, configured as before, with each handler's groups looked up once. */
    static final class Adapter extends RequestMappingHandlerAdapter {

        private volatile Groups groups;

        @Override
        protected ServletInvocableHandlerMethod createInvocableHandlerMethod(HandlerMethod handlerMethod) {
            return new ServletInvocableHandlerMethod(handlerMethod) {
                @Override
                public void setMethodValidator(MethodValidator validator) {
                    super.setMethodValidator(validator == null ? null : groupsOf(validator));
                }
            };
        }

        private Groups groupsOf(MethodValidator validator) {
            Groups known = groups;
            if (known == null || known.delegate != validator) {
                known = new Groups(validator);
                groups = known;
            }
            return known;
        }
    }

    /** A method validator that remembers the validation groups per controller class and method. */
    static final class Groups implements MethodValidator {

        private record Key(Class<?> type, Method method) {
        }

        private final MethodValidator delegate;
        private final Map<Key, Class<?>[]> groups = new ConcurrentHashMap<>();

        Groups(MethodValidator delegate) {
            this.delegate = delegate;
        }

        @Override
        public Class<?>[] determineValidationGroups(Object target, Method method) {
            return groups.computeIfAbsent(new Key(target.getClass(), method),
                    key -> delegate.determineValidationGroups(target, method));
        }

        @Override
        public MethodValidationResult validateArguments(Object target, Method method, MethodParameter[] parameters,
                                                        Object[] arguments, Class<?>[] groups) {
            return delegate.validateArguments(target, method, parameters, arguments, groups);
        }

        @Override
        public void applyArgumentValidation(Object target, Method method, MethodParameter[] parameters,
                                            Object[] arguments, Class<?>[] groups) {
            delegate.applyArgumentValidation(target, method, parameters, arguments, groups);
        }

        @Override
        public MethodValidationResult validateReturnValue(Object target, Method method, MethodParameter returnType,
                                                          Object returnValue, Class<?>[] groups) {
            return delegate.validateReturnValue(target, method, returnType, returnValue, groups);
        }

        @Override
        public void applyReturnValueValidation(Object target, Method method, MethodParameter returnType,
                                               Object returnValue, Class<?>[] groups) {
            delegate.applyReturnValueValidation(target, method, returnType, returnValue, groups);
        }
    }
}
