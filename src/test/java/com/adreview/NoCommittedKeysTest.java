package com.adreview;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * No private key ships with the code: whoever can read the repository (or the packaged jar) could
 * otherwise sign a rewritten audit trail, or any subscriber's webhook body. Keys come from the
 * environment, or are generated into the data directory of the one-command run.
 */
class NoCommittedKeysTest {

    /** {@code …signing-key=<value>}, in any profile; {@code signing-key-required=true} is not a key. */
    private static final Pattern KEY_VALUE = Pattern.compile("(?m)^\\s*[^#!\\s]*signing-key\\s*[=:]\\s*\\S");

    @Test
    void noSigningKeyValueIsInTheMainResources() throws IOException {
        List<String> found = new ArrayList<>();
        try (Stream<Path> files = Files.walk(Path.of("src", "main", "resources"))) {
            for (Path file : files.filter(Files::isRegularFile).toList()) {
                var matcher = KEY_VALUE.matcher(Files.readString(file));
                while (matcher.find()) {
                    found.add(file + ": " + matcher.group().strip());
                }
            }
        }
        assertThat(found).isEmpty();
    }
}
