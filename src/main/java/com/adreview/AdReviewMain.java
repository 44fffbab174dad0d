package com.adreview;

import com.adreview.store.EmbeddedStore;
import io.quarkus.runtime.Quarkus;
import io.quarkus.runtime.annotations.QuarkusMain;
import java.nio.file.Path;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Starts the engine. When no MongoDB connection string is configured, an embedded store is started
 * first (data under {@code adreview.store.embedded.data-dir}) and the application is pointed at it,
 * so that one command runs the whole service on a machine with nothing but Java.
 */
@QuarkusMain
public class AdReviewMain {

    static final String CONNECTION_STRING = "quarkus.mongodb.connection-string";

    public static void main(String... args) {
        Config config = ConfigProvider.getConfig();
        if (config.getOptionalValue(CONNECTION_STRING, String.class).isEmpty()) {
            Path dataDir = Path.of(config.getOptionalValue("adreview.store.embedded.data-dir", String.class)
                    .orElse("data"));
            String host = config.getOptionalValue("adreview.store.embedded.host", String.class)
                    .orElse("127.0.0.1");
            int port = config.getOptionalValue("adreview.store.embedded.port", Integer.class)
                    .orElse(0);
            EmbeddedStore store = EmbeddedStore.startFile(dataDir, host, port);
            System.setProperty(CONNECTION_STRING, store.connectionString());
        }
        Quarkus.run(args);
    }
}
