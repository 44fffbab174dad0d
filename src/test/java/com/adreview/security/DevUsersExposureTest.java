package com.adreview.security;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DevUsersExposureTest {

    private record User(String password, List<String> roles) implements SecurityConfig.DevUser {}

    private record Config(boolean devUsersEnabled, Map<String, SecurityConfig.DevUser> devUser)
            implements SecurityConfig {
        @Override
        public RateLimit rateLimit() {
            throw new UnsupportedOperationException("not read here");
        }

        @Override
        public java.time.Duration keyMemory() {
            throw new UnsupportedOperationException("not read here");
        }
    }

    private static final Config DOCUMENTED = new Config(
            true,
            Map.of(
                    "admin", new User("admin", List.of("admin")),
                    "li", new User("a-long-enough-secret", List.of("reviewer")),
                    "wang", new User("short", List.of("reviewer"))));

    @Test
    void onLoopbackAnyPasswordWillDo() {
        for (String host : List.of("127.0.0.1", "localhost", "::1")) {
            assertThat(DevUsersExposure.weakUsers(DOCUMENTED, host)).isEmpty();
        }
    }

    @Test
    void elsewhereTheDocumentedAndShortPasswordsAreNamed() {
        assertThat(DevUsersExposure.weakUsers(DOCUMENTED, "0.0.0.0")).containsExactly("admin", "wang");
        assertThat(DevUsersExposure.weakUsers(DOCUMENTED, "10.0.0.5")).containsExactly("admin", "wang");
    }

    @Test
    void withoutDevelopmentUsersNothingIsExposed() {
        assertThat(DevUsersExposure.weakUsers(new Config(false, DOCUMENTED.devUser()), "0.0.0.0"))
                .isEmpty();
    }
}
