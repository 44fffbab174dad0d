package com.adreview;

import com.adreview.store.StoreRequirements;
import com.adreview.store.embedded.Durability;
import com.adreview.store.embedded.EmbeddedStore;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import io.quarkus.runtime.configuration.DurationConverter;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts the engine. When no MongoDB connection string is configured and the embedded store is
 * allowed ({@code adreview.store.embedded.enabled}, the default), an embedded store is started first
 * (data under {@code adreview.store.embedded.data-dir}, writes acknowledged as
 * {@code adreview.store.embedded.durability} says) and the application is pointed at it, so that
 * one command runs the whole service on a machine with nothing but Java; the signing keys not configured
 * are then those of the data directory, generated there on its first start ({@link TrialKeys}). Where
 * it is not allowed (the {@code production} profile), a configuration that could lose acknowledged writes stops the process
 * here, with exit code 1 and a message naming each problem, before anything is served.
 */
@QuarkusMain
public class AdReviewMain {

    public static void main(String... args) {
        Config config = ConfigProvider.getConfig();
        StoreRequirements.Verdict store = StoreRequirements.check(name -> config.getOptionalValue(name, String.class));
        if (store.refused()) {
            System.err.println(store.message());
            System.exit(1);
        }
        if (store.startEmbedded()) {
            Path dataDir = Path.of(config.getOptionalValue("adreview.store.embedded.data-dir", String.class)
                    .orElse("data"));
            String host = config.getOptionalValue("adreview.store.embedded.host", String.class)
                    .orElse("127.0.0.1");
            int port = config.getOptionalValue("adreview.store.embedded.port", Integer.class)
                    .orElse(0);
            Durability durability;
            try {
                durability =
                        Durability.parse(config.getOptionalValue("adreview.store.embedded.durability", String.class)
                                .orElse("commit"));
            } catch (IllegalArgumentException e) {
                System.err.println("Refusing to start: " + e.getMessage());
                System.exit(1);
                return;
            }
            Duration window = config.getOptionalValue("adreview.store.embedded.commit-window", String.class)
                    .map(DurationConverter::parseDuration)
                    .orElse(Duration.ZERO);
            EmbeddedStore embedded = EmbeddedStore.startFile(dataDir, host, port, durability, window);
            System.setProperty(StoreRequirements.CONNECTION_STRING, embedded.connectionString());
            Set<String> configured = new HashSet<>();
            for (String key : List.of(TrialKeys.AUDIT_KEY, TrialKeys.WEBHOOK_KEY)) {
                if (config.getOptionalValue(key, String.class).isPresent()) {
                    configured.add(key);
                }
            }
            try {
                TrialKeys.provide(dataDir, configured).forEach(System::setProperty);
            } catch (IllegalStateException e) {
                System.err.println("Refusing to start: " + e.getMessage());
                System.exit(1);
            }
        }
        Quarkus.run(args);
    }
}
