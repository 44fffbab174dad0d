package com.adreview.policy;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Where the policy pack comes from. */
@ConfigMapping(prefix = "adreview.policy")
public interface PolicyConfig {

    /** Directory holding {@code pack.yaml}, {@code rules/} and {@code tests/}; relative to the working directory. */
    @WithDefault("policies")
    Path directory();
}
