package com.adreview.testing;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;

/**
 * Programs some tests need besides Java (Chromium, node): such a test runs where the program is and is
 * skipped with a notice naming it where it is not, except under {@code CI=true}, where a missing program
 * fails the test (.ci/run installs them). The pattern KubernetesManifestsTest follows for kubectl.
 */
public final class Tools {

    private Tools() {}

    public static boolean inCi() {
        return "true".equalsIgnoreCase(System.getenv("CI"));
    }

    /** An executable file by its path or, for a bare name, on the PATH. */
    public static Optional<Path> find(String command) {
        if (command.contains(File.separator)) {
            Path path = Path.of(command);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        String pathVariable = Optional.ofNullable(System.getenv("PATH")).orElse("");
        return Stream.of(pathVariable.split(File.pathSeparator))
                .filter(dir -> !dir.isBlank())
                .map(dir -> Path.of(dir, command))
                .filter(Files::isExecutable)
                .findFirst();
    }

    /**
     * Skips the calling test (or class, from a {@code @BeforeAll}) when a program it needs is missing, with
     * what is missing and how to get it; fails instead in CI.
     */
    public static void require(boolean present, String what, String howToGetIt) {
        if (present) {
            return;
        }
        String message = what + " not found: " + howToGetIt;
        if (inCi()) {
            fail(message + " (required when CI=true; .ci/run installs it)");
        }
        System.err.println("SKIPPED: " + message);
        Assumptions.abort(message);
    }
}
