package com.adreview.testing;

import com.adreview.store.embedded.EmbeddedStore;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/** An in-memory embedded store on a free port for the tests of one Quarkus application start. */
public class EmbeddedStoreResource implements QuarkusTestResourceLifecycleManager {

    private EmbeddedStore store;

    @Override
    public Map<String, String> start() {
        store = EmbeddedStore.startInMemory();
        return Map.of("quarkus.mongodb.connection-string", store.connectionString());
    }

    @Override
    public void stop() {
        if (store != null) {
            store.close();
        }
    }
}
