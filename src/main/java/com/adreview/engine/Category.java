package com.adreview.engine;

/** What an ad promotes; the category decides which rules and thresholds apply. */
public enum Category {
    P2P_LENDING,
    CONSUMER_CREDIT,
    WEALTH_MANAGEMENT,
    INSURANCE,
    LOTTERY_PROMOTION,
    ECOMMERCE,
    OTHER
}
