package com.adreview.store.embedded;

import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/** Closes the embedded store only after the application has stopped using it. */
@ApplicationScoped
class EmbeddedStoreShutdown {

    void onStart(@Observes StartupEvent event) {
        EmbeddedStore.applicationStarted();
    }

    void onStop(@Observes @Priority(Integer.MAX_VALUE) ShutdownEvent event) {
        EmbeddedStore.closeRunning();
    }
}
