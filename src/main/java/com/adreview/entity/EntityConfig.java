package com.adreview.entity;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** How an entity's complaint record is reported. */
@ConfigMapping(prefix = "adreview.entity")
public interface EntityConfig {

    /** The windows, in days back from now, the complaint record is counted over. */
    @WithDefault("7,30,90,365")
    List<Integer> reportWindowDays();
}
