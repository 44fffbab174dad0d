package com.adreview.surge;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;

/** The console's banner: how many complaint-surge alerts are open (shown to signed-in staff only). */
@ApplicationScoped
@Named("alertBanner")
public class AlertBanner {

    private final AlertService alerts;

    public AlertBanner(AlertService alerts) {
        this.alerts = alerts;
    }

    public long openCount() {
        return alerts.openCount();
    }
}
