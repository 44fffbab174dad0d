package com.adreview.testing;

import io.quarkus.test.junit.QuarkusTestProfile;

/**
 * A profile of its own makes Quarkus start a separate application, and with it a fresh in-memory
 * store: for tests whose effects (a whole category suspended) would reach every other test's ads.
 */
public class IsolatedStoreProfile implements QuarkusTestProfile {}
