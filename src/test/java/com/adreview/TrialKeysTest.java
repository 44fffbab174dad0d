package com.adreview;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Base64;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The one-command run's own signing keys: generated once into the data directory, owner-only, reused. */
class TrialKeysTest {

    @TempDir
    Path dataDir;

    @Test
    void theFirstStartGeneratesOwnerOnlyKeysAndLaterStartsReuseThem() throws Exception {
        Map<String, String> first = TrialKeys.provide(dataDir, Set.of());

        assertThat(first).containsOnlyKeys(TrialKeys.AUDIT_KEY, TrialKeys.WEBHOOK_KEY);
        for (String file : new String[] {TrialKeys.AUDIT_FILE, TrialKeys.WEBHOOK_FILE}) {
            Path key = dataDir.resolve(file);
            assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key)))
                    .as(file)
                    .isEqualTo("rw-------");
            assertThat(Base64.getDecoder().decode(Files.readString(key).strip()))
                    .hasSize(32);
        }
        assertThat(first.get(TrialKeys.AUDIT_KEY)).isNotEqualTo(first.get(TrialKeys.WEBHOOK_KEY));

        assertThat(TrialKeys.provide(dataDir, Set.of())).isEqualTo(first);
        // Another data directory, another trial: other keys.
        assertThat(TrialKeys.provide(dataDir.resolve("other"), Set.of()).get(TrialKeys.AUDIT_KEY))
                .isNotEqualTo(first.get(TrialKeys.AUDIT_KEY));
    }

    @Test
    void aConfiguredKeyIsNeitherGeneratedNorReplaced() {
        Map<String, String> keys = TrialKeys.provide(dataDir, Set.of(TrialKeys.AUDIT_KEY));

        assertThat(keys).containsOnlyKeys(TrialKeys.WEBHOOK_KEY);
        assertThat(dataDir.resolve(TrialKeys.AUDIT_FILE)).doesNotExist();
    }

    @Test
    void aKeyFileOthersCanReadIsRefused() throws Exception {
        TrialKeys.provide(dataDir, Set.of());
        Path key = dataDir.resolve(TrialKeys.AUDIT_FILE);
        Files.setPosixFilePermissions(key, PosixFilePermissions.fromString("rw-r--r--"));

        assertThatThrownBy(() -> TrialKeys.provide(dataDir, Set.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(key.toString())
                .hasMessageContaining("chmod 600");
    }

    @Test
    void aKeyFileThatIsNotAKeyIsRefused() throws Exception {
        TrialKeys.provide(dataDir, Set.of());
        Path key = dataDir.resolve(TrialKeys.WEBHOOK_FILE);
        Files.writeString(key, "not base64!\n");

        assertThatThrownBy(() -> TrialKeys.provide(dataDir, Set.of()))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(key.toString());
    }
}
