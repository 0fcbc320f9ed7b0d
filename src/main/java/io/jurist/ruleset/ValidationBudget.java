package io.jurist.ruleset;

import io.jurist.api.ApiException;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.springframework.beans.factory.DisposableBean;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;

/**
 * Runs each validation (compile, scenarios, impact) off the caller's thread, on a few threads of its
 * own, and abandons it when it takes longer than its budget: the caller gets a clear refusal, and
 * whatever the candidate does keeps at most those few threads busy, never the web server's.
 */
@Component
class ValidationBudget implements DisposableBean {

    private static final int QUEUE = 64;

    private final Duration budget;
    private final ThreadPoolExecutor executor;

    @Autowired
    ValidationBudget(RulesetProperties properties) {
        this(properties.validationBudget(), properties.validationThreads());
    }

    ValidationBudget(Duration budget, int threads) {
        this.budget = budget;
        AtomicInteger count = new AtomicInteger();
        this.executor = new ThreadPoolExecutor(threads, threads, 0, TimeUnit.MILLISECONDS,
                new LinkedBlockingQueue<>(QUEUE), work -> {
                    Thread thread = new Thread(work, "jurist-validation-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                });
    }

    /** The work's result; throws 422 past the budget, or 503 when validations are queued beyond it. */
    public <T> T run(Supplier<T> work) {
        AtomicBoolean started = new AtomicBoolean();
        Future<T> future;
        try {
            future = executor.submit(() -> {
                started.set(true);
                return work.get();
            });
        } catch (RejectedExecutionException e) {
            throw busy();
        }
        try {
            return future.get(budget.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            if (!started.get()) {
                throw busy();
            }
            throw new ApiException(HttpStatus.UNPROCESSABLE_ENTITY, "Validation took too long",
                    "Checking the files (compile, scenarios, impact) did not finish within " + budget.toSeconds()
                            + " s and was abandoned; nothing was submitted.");
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw busy();
        }
    }

    private static ApiException busy() {
        return new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "Validation is busy",
                "Too many validations are running on this node; try again in a minute.");
    }

    @Override
    public void destroy() {
        executor.shutdownNow();
    }
}
