package com.adreview.security;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Slows down guessing a person's password: after {@code FREE_FAILURES} wrong passwords in a row, each
 * further attempt for that user waits twice as long as the one before (1 s, 2 s, 4 s … at most 15
 * minutes), refused meanwhile with 429 and Retry-After, whatever password it carries. A right password
 * once the wait is over clears the count. Counted per instance, only for users that exist.
 */
final class SignInThrottle {

    static final int FREE_FAILURES = 5;
    private static final Duration LONGEST = Duration.ofMinutes(15);

    private final Map<String, State> users = new ConcurrentHashMap<>();

    private record State(int failures, long notBeforeNanos) {}

    /** Refused while the user must wait. */
    void check(String user, long nowNanos) {
        State s = users.get(user);
        if (s != null && nowNanos < s.notBeforeNanos()) {
            long seconds = Math.max(1, (s.notBeforeNanos() - nowNanos + 999_999_999L) / 1_000_000_000L);
            throw new TooManySignInAttempts(seconds);
        }
    }

    void failed(String user, long nowNanos) {
        users.compute(user, (u, s) -> {
            int failures = s == null ? 1 : s.failures() + 1;
            long wait = 0;
            if (failures > FREE_FAILURES) {
                int doublings = Math.min(failures - FREE_FAILURES - 1, 30);
                wait = Math.min(LONGEST.toNanos(), Duration.ofSeconds(1).toNanos() << doublings);
            }
            return new State(failures, nowNanos + wait);
        });
    }

    void succeeded(String user) {
        users.remove(user);
    }

    /** Refused for now: the user has given too many wrong passwords in a row (the cause of the failed sign-in). */
    static final class TooManySignInAttempts extends RuntimeException
            implements com.adreview.api.ProblemMapper.RetryAfter {
        private final long retryAfterSeconds;

        TooManySignInAttempts(long retryAfterSeconds) {
            super("too many wrong passwords; retry after " + retryAfterSeconds + " s");
            this.retryAfterSeconds = retryAfterSeconds;
        }

        @Override
        public long retryAfterSeconds() {
            return retryAfterSeconds;
        }
    }
}
