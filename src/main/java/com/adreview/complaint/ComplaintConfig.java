package com.adreview.complaint;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** How complaints count towards an entity's record. */
@ConfigMapping(prefix = "adreview.complaint")
public interface ComplaintConfig {

    /**
     * How many USER complaints of one reporter ({@code reporterId}) count towards an entity's record,
     * however many they file: one person, a competitor say, cannot pull an advertiser's ads alone.
     * Complaints from regulators, the police and the media, and USER complaints without a reporter id,
     * each count.
     */
    @WithDefault("1")
    int userComplaintsPerReporter();
}
