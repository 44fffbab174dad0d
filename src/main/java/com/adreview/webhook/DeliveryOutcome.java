package com.adreview.webhook;

/** What came of one attempt to deliver a feed entry to a subscriber. */
enum DeliveryOutcome {
    DELIVERED,
    FAILED
}
