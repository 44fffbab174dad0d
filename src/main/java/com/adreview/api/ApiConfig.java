package com.adreview.api;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Limits every API endpoint shares. */
@ConfigMapping(prefix = "adreview.api")
public interface ApiConfig {

    /** Largest request body accepted, in bytes; larger ones get 413 before they are read. */
    @WithDefault("262144")
    int maxBodyBytes();

    /** Page size when a list request does not ask for one. */
    @WithDefault("20")
    int defaultPageSize();

    /** Largest page a list request may ask for; more is a 400, not a silent cut. */
    @WithDefault("100")
    int maxPageSize();
}
