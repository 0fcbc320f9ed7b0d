package io.jurist.ruleset;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class OnceCacheTests {

    @Test
    void simultaneousMissesOfOneKeyComputeItOnce() throws Exception {
        OnceCache<String, String> cache = new OnceCache<>(4);
        AtomicInteger computations = new AtomicInteger();
        CountDownLatch computing = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = threads.submit(() -> cache.get("v1", key -> {
                computations.incrementAndGet();
                computing.countDown();
                await(release);
                return "snapshot of " + key;
            }));
            assertThat(computing.await(10, TimeUnit.SECONDS)).isTrue();
            // The second miss arrives while the first computes; it must wait for that one, not compute again.
            Future<String> second = threads.submit(() -> cache.get("v1", key -> {
                computations.incrementAndGet();
                return "computed again";
            }));
            release.countDown();
            assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo("snapshot of v1");
            assertThat(second.get(10, TimeUnit.SECONDS)).isEqualTo("snapshot of v1");
            assertThat(computations).hasValue(1);
            assertThat(cache.get("v1", key -> "computed again")).isEqualTo("snapshot of v1");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void anotherKeyIsNotHeldUpByAComputation() throws Exception {
        OnceCache<String, String> cache = new OnceCache<>(4);
        CountDownLatch release = new CountDownLatch(1);
        ExecutorService threads = Executors.newSingleThreadExecutor();
        try {
            Future<String> slow = threads.submit(() -> cache.get("v1", key -> {
                await(release);
                return "one";
            }));
            assertThat(cache.get("v2", key -> "two")).isEqualTo("two");
            release.countDown();
            assertThat(slow.get(10, TimeUnit.SECONDS)).isEqualTo("one");
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aFailedComputationIsNotKept() {
        OnceCache<String, String> cache = new OnceCache<>(4);
        assertThatThrownBy(() -> cache.get("v1", key -> {
            throw new IllegalStateException("does not compile");
        })).hasMessage("does not compile");
        assertThat(cache.get("v1", key -> "compiled now")).isEqualTo("compiled now");
    }

    @Test
    void theLeastRecentlyUsedGoesWhenFull() {
        OnceCache<Integer, String> cache = new OnceCache<>(2);
        AtomicInteger computations = new AtomicInteger();
        cache.get(1, key -> "a" + computations.incrementAndGet());
        cache.get(2, key -> "b" + computations.incrementAndGet());
        cache.get(1, key -> "a" + computations.incrementAndGet());
        cache.get(3, key -> "c" + computations.incrementAndGet());
        assertThat(computations).hasValue(3);
        assertThat(cache.get(1, key -> "recomputed")).isEqualTo("a1");
        assertThat(cache.get(2, key -> "recomputed")).isEqualTo("recomputed");
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
