package io.jurist.workflow;

import java.util.AbstractMap;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.camunda.bpm.engine.delegate.ExecutionListener;
import org.camunda.bpm.engine.delegate.JavaDelegate;
import org.camunda.bpm.engine.delegate.TaskListener;
import org.camunda.bpm.engine.impl.cfg.AbstractProcessEnginePlugin;
import org.camunda.bpm.engine.impl.cfg.ProcessEngineConfigurationImpl;
import org.camunda.bpm.engine.spring.SpringExpressionManager;
import org.springframework.context.ApplicationContext;
import org.springframework.stereotype.Component;

/**
 * What expressions in the processes ({@code ${...}}, {@code delegateExpression}) may name besides the
 * process's own variables: the application's delegates and listeners (its beans that are a
 * {@link JavaDelegate}, {@link ExecutionListener} or {@link TaskListener}), and nothing else. Without it
 * the engine resolves every Spring bean, so an expression could read {@code environment} (the
 * pseudonymisation key) or call the stores directly.
 */
@Component
class ProcessExpressionBeans extends AbstractProcessEnginePlugin {

    private static final Class<?>[] DELEGATE_TYPES = {JavaDelegate.class, ExecutionListener.class, TaskListener.class};

    private final ApplicationContext context;

    ProcessExpressionBeans(ApplicationContext context) {
        this.context = context;
    }

    @Override
    public void preInit(ProcessEngineConfigurationImpl configuration) {
        Map<Object, Object> beans = new Delegates(context);
        configuration.setBeans(beans);
        // The engine's factory made its expression manager, with every bean, before the plugins ran.
        configuration.setExpressionManager(new SpringExpressionManager(context, beans));
    }

    /** The delegate beans by name, looked up when an expression names them (the engine starts before they exist). */
    static final class Delegates extends AbstractMap<Object, Object> {

        private final ApplicationContext context;
        private volatile Set<String> names;

        Delegates(ApplicationContext context) {
            this.context = context;
        }

        /** Read once, at the first expression: every bean is defined by then. */
        Set<String> names() {
            if (names == null) {
                names = Arrays.stream(DELEGATE_TYPES)
                        .flatMap(type -> Stream.of(context.getBeanNamesForType(type, false, false)))
                        .collect(Collectors.toUnmodifiableSet());
            }
            return names;
        }

        @Override
        public boolean containsKey(Object key) {
            return key instanceof String name && names().contains(name);
        }

        @Override
        public Object get(Object key) {
            return containsKey(key) ? context.getBean((String) key) : null;
        }

        @Override
        public Set<Entry<Object, Object>> entrySet() {
            return names().stream().map(name -> Map.entry((Object) name, context.getBean(name)))
                    .collect(Collectors.toSet());
        }
    }
}
