package com.adreview.store;

import com.mongodb.ConnectionString;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;

/**
 * Decides, before the application starts, which store it uses, and refuses a deployment that could
 * lose what it acknowledged.
 *
 * <p>With {@code adreview.store.embedded.enabled} (the default, so that the packaged jar runs with
 * nothing but Java), a missing connection string means the embedded store. Without it (the
 * {@code production} profile that {@code k8s/} runs) the service needs a real MongoDB, written with
 * {@code w=majority}, journaled and retried, and read at majority read concern, so that neither a
 * decision acknowledged to a gateway nor what an auditor reads can be rolled back by a failover.
 * Settings in the connection string do not count: the client's configured ones override them.
 */
public final class StoreRequirements {

    public static final String CONNECTION_STRING = "quarkus.mongodb.connection-string";
    public static final String EMBEDDED_ENABLED = "adreview.store.embedded.enabled";
    static final String WRITE_CONCERN = "quarkus.mongodb.write-concern.w";
    static final String JOURNAL = "quarkus.mongodb.write-concern.journal";
    static final String RETRY_WRITES = "quarkus.mongodb.write-concern.retry-writes";
    static final String READ_CONCERN = "quarkus.mongodb.read-concern";

    /** What to do: start the embedded store, use the configured one, or refuse to start and say why. */
    public record Verdict(boolean startEmbedded, List<String> problems) {
        public boolean refused() {
            return !problems.isEmpty();
        }

        /** The message an operator reads when the service refuses to start. */
        public String message() {
            StringBuilder text = new StringBuilder(
                    "Refusing to start: the embedded store is disabled (" + EMBEDDED_ENABLED + "=false, as in the"
                            + " production profile) and the store configuration is not fit for production:");
            problems.forEach(
                    p -> text.append(System.lineSeparator()).append("  - ").append(p));
            return text.toString();
        }
    }

    private StoreRequirements() {}

    /** Judges the configuration; {@code property} answers a configuration value by name, if set. */
    public static Verdict check(Function<String, Optional<String>> property) {
        Optional<String> uri = property.apply(CONNECTION_STRING).filter(s -> !s.isBlank());
        boolean embeddedAllowed =
                property.apply(EMBEDDED_ENABLED).map(Boolean::parseBoolean).orElse(true);
        if (embeddedAllowed) {
            return new Verdict(uri.isEmpty(), List.of());
        }
        List<String> problems = new ArrayList<>();
        if (uri.isEmpty()) {
            problems.add(CONNECTION_STRING + " (QUARKUS_MONGODB_CONNECTION_STRING) is not set; give it the"
                    + " replica set's URI, e.g. mongodb://m1,m2,m3/?replicaSet=rs0 (in Kubernetes: from a Secret)");
        } else {
            try {
                new ConnectionString(uri.get());
            } catch (RuntimeException e) {
                // The message never repeats the URI: it may carry a password.
                problems.add(CONNECTION_STRING + " is not a MongoDB connection string: " + e.getMessage());
            }
        }
        expect(property, WRITE_CONCERN, "majority", problems);
        expect(property, JOURNAL, "true", problems);
        expect(property, RETRY_WRITES, "true", problems);
        expect(property, READ_CONCERN, "majority", problems);
        return new Verdict(false, List.copyOf(problems));
    }

    private static void expect(
            Function<String, Optional<String>> property, String name, String expected, List<String> problems) {
        Optional<String> value = property.apply(name);
        if (value.isEmpty() || !value.get().trim().equalsIgnoreCase(expected)) {
            problems.add(name + " must be " + expected + ", is " + value.orElse("unset"));
        }
    }
}
