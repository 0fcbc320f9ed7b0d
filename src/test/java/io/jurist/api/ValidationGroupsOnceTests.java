package io.jurist.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.core.MethodParameter;
import org.springframework.validation.method.MethodValidationResult;
import org.springframework.validation.method.MethodValidator;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.method.annotation.ServletInvocableHandlerMethod;

class ValidationGroupsOnceTests {

    interface Marker {
    }

    static class Controller {
        public String one(String a) {
            return a;
        }

        public String two(String b) {
            return b;
        }
    }

    /** Counts what it is asked; answers a group per method name. */
    static final class Counting implements MethodValidator {
        final List<String> asked = new ArrayList<>();

        @Override
        public Class<?>[] determineValidationGroups(Object target, Method method) {
            asked.add("groups " + method.getName());
            return method.getName().equals("one") ? new Class<?>[] {Marker.class} : new Class<?>[0];
        }

        @Override
        public MethodValidationResult validateArguments(Object target, Method method, MethodParameter[] parameters,
                                                        Object[] arguments, Class<?>[] groups) {
            asked.add("arguments " + method.getName() + " " + groups.length);
            return null;
        }

        @Override
        public void applyArgumentValidation(Object target, Method method, MethodParameter[] parameters,
                                            Object[] arguments, Class<?>[] groups) {
            asked.add("apply arguments " + method.getName());
        }

        @Override
        public MethodValidationResult validateReturnValue(Object target, Method method, MethodParameter returnType,
                                                          Object returnValue, Class<?>[] groups) {
            asked.add("return " + method.getName());
            return null;
        }

        @Override
        public void applyReturnValueValidation(Object target, Method method, MethodParameter returnType,
                                               Object returnValue, Class<?>[] groups) {
            asked.add("apply return " + method.getName());
        }
    }

    @Test
    void asksForAHandlersGroupsOnceAndDelegatesEverythingElse() throws Exception {
        Counting counting = new Counting();
        var groups = new ValidationGroupsOnce.Groups(counting);
        Controller controller = new Controller();
        Method one = Controller.class.getDeclaredMethod("one", String.class);
        Method two = Controller.class.getDeclaredMethod("two", String.class);

        assertThat(groups.determineValidationGroups(controller, one)).containsExactly(Marker.class);
        assertThat(groups.determineValidationGroups(new Controller(), one)).containsExactly(Marker.class);
        assertThat(groups.determineValidationGroups(controller, two)).isEmpty();
        assertThat(groups.determineValidationGroups(controller, two)).isEmpty();
        groups.validateArguments(controller, one, new MethodParameter[0], new Object[0], new Class<?>[1]);
        groups.applyArgumentValidation(controller, one, new MethodParameter[0], new Object[0], new Class<?>[0]);
        groups.validateReturnValue(controller, two, null, "x", new Class<?>[0]);
        groups.applyReturnValueValidation(controller, two, null, "x", new Class<?>[0]);

        assertThat(counting.asked).containsExactly("groups one", "groups two", "arguments one 1", "apply arguments one",
                "return two", "apply return two");
    }

    @Test
    void theAdaptersHandlerMethodsShareTheRememberedGroups() throws Exception {
        Counting counting = new Counting();
        var adapter = new ValidationGroupsOnce.Adapter();
        HandlerMethod handler = new HandlerMethod(new Controller(), "one", String.class);
        for (int request = 0; request < 3; request++) {
            adapterInvocable(adapter, handler).setMethodValidator(counting);
        }
        adapterInvocable(adapter, handler).setMethodValidator(null);
        assertThat(counting.asked).containsExactly("groups one");

        // Another validator (a new context): asked afresh.
        Counting other = new Counting();
        adapterInvocable(adapter, handler).setMethodValidator(other);
        assertThat(other.asked).containsExactly("groups one");
    }

    private static ServletInvocableHandlerMethod adapterInvocable(ValidationGroupsOnce.Adapter adapter,
                                                                  HandlerMethod handler) {
        return adapter.createInvocableHandlerMethod(handler);
    }
}
