package io.jurist.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.internal.AtomicRateLimiter;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.stereotype.Component;

/**
 * Slows down password guessing without letting anyone lock an account: failed logins are counted per
 * user and client address, and per client address, each in a Resilience4j rate limiter (so many failures
 * per period). While either has none left, logins from that address (for that user) are answered 429 with
 * the seconds until the next period, and the password is not checked at all. A user logging in from
 * another address is not affected; a successful login starts its user and address afresh. Camunda's own
 * lockout is switched off (application.yaml), since it locks the account for every address.
 *
 * <p>The counters live in memory on each node, bounded in number, and are forgotten after
 * {@code forget-after} without attempts.
 */
@Component
public class LoginThrottle {

    private static final Logger log = LoggerFactory.getLogger(LoginThrottle.class);
    private static final int STRIPES = 64;

    /**
     * @param failuresPerUser    failed logins per user and client address in each period
     * @param failuresPerAddress failed logins per client address, whatever the user, in each period
     * @param period             the period after which failures are forgotten
     * @param maxTracked         how many users and addresses are tracked at most (least recently used go first)
     */
    @ConfigurationProperties("jurist.security.login-throttle")
    public record Settings(@DefaultValue("5") int failuresPerUser, @DefaultValue("30") int failuresPerAddress,
                           @DefaultValue("1m") Duration period, @DefaultValue("100000") long maxTracked) {
    }

    /**
     * What came of a login: the password was right, wrong, or not checked at all because of too many
     * failures lately ({@code retryAfterSeconds} then says when to try again).
     */
    public record Outcome(boolean accepted, long retryAfterSeconds) {
        public boolean throttled() {
            return retryAfterSeconds > 0;
        }
    }

    private final Settings settings;
    private final Cache<String, RateLimiter> limiters;
    private final ReentrantLock[] stripes = new ReentrantLock[STRIPES];

    LoginThrottle(Settings settings) {
        this.settings = settings;
        this.limiters = Caffeine.newBuilder().maximumSize(settings.maxTracked())
                .expireAfterAccess(settings.period().multipliedBy(2)).build();
        for (int i = 0; i < STRIPES; i++) {
            stripes[i] = new ReentrantLock();
        }
    }

    /**
     * Tries a login of {@code user} from {@code address}: refused without calling {@code check} while
     * either counter is exhausted; otherwise {@code check} decides (true: right; false: wrong, counted; null:
     * not known, neither counted nor starting afresh). One login
     * per user and address is checked at a time, so that parallel guesses cannot outrun the count.
     *
     */
    public Outcome attempt(String user, String address, Supplier<Boolean> check) {
        String userKey = "u\u0000" + normal(user) + "\u0000" + address;
        String addressKey = "a\u0000" + address;
        ReentrantLock lock = stripes[Math.floorMod(userKey.hashCode(), STRIPES)];
        lock.lock();
        try {
            RateLimiter perUser = limiters.get(userKey, k -> limiter(settings.failuresPerUser()));
            RateLimiter perAddress = limiters.get(addressKey, k -> limiter(settings.failuresPerAddress()));
            long wait = Math.max(wait(perUser), wait(perAddress));
            if (wait > 0) {
                long seconds = Math.max(1, (wait + 999_999_999L) / 1_000_000_000L);
                log.debug("Login of user '{}' from {} refused unchecked: too many failed logins; retry after {} s",
                        printable(user), address, seconds);
                return new Outcome(false, seconds);
            }
            Boolean ok = check.get();
            if (Boolean.TRUE.equals(ok)) {
                limiters.invalidate(userKey);
            } else if (Boolean.FALSE.equals(ok)) {
                perUser.acquirePermission();
                perAddress.acquirePermission();
                if (perUser.getMetrics().getAvailablePermissions() <= 0
                        || perAddress.getMetrics().getAvailablePermissions() <= 0) {
                    log.warn("Too many failed logins for user '{}' from {}: further logins from there are refused "
                            + "for up to {}", printable(user), address, settings.period());
                }
            }
            return new Outcome(Boolean.TRUE.equals(ok), 0);
        } finally {
            lock.unlock();
        }
    }

    private RateLimiter limiter(int failures) {
        return RateLimiter.of("login", RateLimiterConfig.custom().limitForPeriod(Math.max(1, failures))
                .limitRefreshPeriod(settings.period()).timeoutDuration(Duration.ZERO).build());
    }

    /** Nanoseconds until the limiter has a failure left again; 0 when it has one now. */
    private static long wait(RateLimiter limiter) {
        if (limiter.getMetrics().getAvailablePermissions() > 0) {
            return 0;
        }
        return Math.max(1, ((AtomicRateLimiter) limiter).getDetailedMetrics().getNanosToWait());
    }

    private static String normal(String user) {
        return user == null ? "" : user.strip().toLowerCase(Locale.ROOT);
    }

    /** A user name as typed, safe for one log line (no line breaks or control characters), at most 64 characters. */
    static String printable(String user) {
        if (user == null) {
            return "";
        }
        String clean = user.replaceAll("\\p{Cntrl}", "?");
        return clean.length() > 64 ? clean.substring(0, 64) + "…" : clean;
    }
}
