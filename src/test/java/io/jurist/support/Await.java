package io.jurist.support;

import java.time.Duration;
import java.util.function.Predicate;
import java.util.function.Supplier;

/** Waiting in tests for what happens asynchronously (activation jobs, other nodes following). */
public final class Await {

    private Await() {
    }

    /** Reads the value until it satisfies the condition, or fails after the given time naming what was awaited. */
    public static <T> T until(Supplier<T> value, Predicate<T> done, Duration within, String what) {
        long deadline = System.nanoTime() + within.toNanos();
        T current = value.get();
        while (!done.test(current)) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("Not within " + within + ": " + what + " (last: " + current + ")");
            }
            pause(100);
            current = value.get();
        }
        return current;
    }

    /** Sleeps, keeping the interrupt. */
    public static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }
}
