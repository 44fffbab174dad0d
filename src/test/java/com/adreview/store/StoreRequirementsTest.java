package com.adreview.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** Which store the service starts with, read from the shipped application.properties per profile. */
class StoreRequirementsTest {

    private static final String REPLICA_SET = "mongodb://m1,m2,m3/?replicaSet=rs0";

    /** The shipped configuration under {@code profile}, with {@code overrides} on top (as env vars would be). */
    private static Function<String, Optional<String>> config(String profile, Map<String, String> overrides)
            throws IOException {
        SmallRyeConfig config = new SmallRyeConfigBuilder()
                .withProfile(profile)
                .addDefaultInterceptors()
                .withSources(new PropertiesConfigSource(
                        StoreRequirementsTest.class.getResource("/application.properties"), 250))
                .withSources(new PropertiesConfigSource(overrides, "overrides", 400))
                .build();
        return name -> config.getOptionalValue(name, String.class);
    }

    @Test
    void thePackagedJarStartsTheEmbeddedStoreWithoutAConnectionString() throws IOException {
        StoreRequirements.Verdict verdict = StoreRequirements.check(config("prod", Map.of()));

        assertThat(verdict.refused()).isFalse();
        assertThat(verdict.startEmbedded()).isTrue();
    }

    @Test
    void aConnectionStringIsUsedAsItIsOutsideProduction() throws IOException {
        StoreRequirements.Verdict verdict = StoreRequirements.check(
                config("prod", Map.of(StoreRequirements.CONNECTION_STRING, "mongodb://localhost:27017")));

        assertThat(verdict.refused()).isFalse();
        assertThat(verdict.startEmbedded()).isFalse();
    }

    @Test
    void productionRefusesToStartWithoutAConnectionString() throws IOException {
        StoreRequirements.Verdict verdict = StoreRequirements.check(config("production", Map.of()));

        assertThat(verdict.startEmbedded()).isFalse();
        assertThat(verdict.problems())
                .singleElement()
                .asString()
                .contains("quarkus.mongodb.connection-string", "QUARKUS_MONGODB_CONNECTION_STRING", "is not set");
        assertThat(verdict.message()).startsWith("Refusing to start").contains("production profile");
    }

    @Test
    void productionStartsOnAReplicaSetWithTheShippedDurabilitySettings() throws IOException {
        StoreRequirements.Verdict verdict =
                StoreRequirements.check(config("production", Map.of(StoreRequirements.CONNECTION_STRING, REPLICA_SET)));

        assertThat(verdict.problems()).isEmpty();
        assertThat(verdict.startEmbedded()).isFalse();
    }

    @Test
    void productionRefusesWeakenedDurabilityNamingEachSetting() throws IOException {
        StoreRequirements.Verdict verdict = StoreRequirements.check(config(
                "production",
                Map.of(
                        StoreRequirements.CONNECTION_STRING, REPLICA_SET,
                        StoreRequirements.WRITE_CONCERN, "1",
                        StoreRequirements.JOURNAL, "false",
                        StoreRequirements.READ_CONCERN, "local")));

        assertThat(verdict.problems())
                .containsExactly(
                        "quarkus.mongodb.write-concern.w must be majority, is 1",
                        "quarkus.mongodb.write-concern.journal must be true, is false",
                        "quarkus.mongodb.read-concern must be majority, is local");
    }

    @Test
    void aMalformedConnectionStringIsRefusedWithoutRepeatingItsPassword() throws IOException {
        StoreRequirements.Verdict verdict = StoreRequirements.check(config(
                "production",
                Map.of(StoreRequirements.CONNECTION_STRING, "mongodb://reviewer:s3cret-pw@m1:notaport/")));

        assertThat(verdict.problems())
                .singleElement()
                .asString()
                .contains("is not a MongoDB connection string")
                .doesNotContain("s3cret-pw");
    }

    @Test
    void theEmbeddedStoreCanBeSwitchedOffWithoutTheProfile() throws IOException {
        StoreRequirements.Verdict verdict =
                StoreRequirements.check(config("prod", Map.of(StoreRequirements.EMBEDDED_ENABLED, "false")));

        assertThat(verdict.refused()).isTrue();
    }
}
