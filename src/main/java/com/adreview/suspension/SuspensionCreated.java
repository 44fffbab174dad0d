package com.adreview.suspension;

/** Fired once a suspension is stored, so that the sweep starts on it at once rather than at its next look. */
public record SuspensionCreated(Suspension suspension) {}
