package com.adreview.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The one-command run as an attacker met it: its development users' passwords are public, so it answers
 * on loopback only, refuses to listen elsewhere with them, and keeps its store files to its own user.
 */
class TrialRunIT {

    private static final Duration STARTUP = Duration.ofSeconds(90);

    @TempDir
    Path dataDir;

    @Test
    void itListensOnLoopbackAndItsStoreIsItsUsersAlone() throws Exception {
        try (ServiceProcess service = ServiceProcess.start(dataDir, Path.of("policies"))) {
            assertThat(service.awaitHealth(STARTUP).statusCode()).isEqualTo(200);
            assertThat(service.log()).contains("127.0.0.1");
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dataDir)))
                    .isEqualTo("rwx------");
            try (var files = Files.list(dataDir)) {
                for (Path f : files.filter(Files::isRegularFile).toList()) {
                    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(f)))
                            .as(f.toString())
                            .isEqualTo("rw-------");
                }
            }
        }
    }

    @Test
    void itRefusesToListenElsewhereWithTheDocumentedPasswords() throws Exception {
        try (ServiceProcess service =
                ServiceProcess.start(dataDir, Path.of("policies"), "-Dquarkus.http.host=0.0.0.0")) {
            OptionalInt exit = service.awaitExit(STARTUP);
            assertThat(exit).as(service.log()).isPresent();
            assertThat(exit.getAsInt()).isNotZero();
            assertThat(service.log()).contains("Development users [admin, auditor, li, wang]");
        }
    }

    @Test
    void withPasswordsOfItsOwnItMayListenElsewhere() throws Exception {
        try (ServiceProcess service = ServiceProcess.start(
                dataDir,
                Path.of("policies"),
                "-Dquarkus.http.host=0.0.0.0",
                "-Dadreview.security.dev-user.admin.password=admin-long-enough-1",
                "-Dadreview.security.dev-user.auditor.password=auditor-long-enough-1",
                "-Dadreview.security.dev-user.li.password=li-long-enough-1",
                "-Dadreview.security.dev-user.wang.password=wang-long-enough-1")) {
            assertThat(service.awaitHealth(STARTUP).statusCode()).isEqualTo(200);
        }
    }
}
