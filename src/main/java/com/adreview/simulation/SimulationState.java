package com.adreview.simulation;

/** Where a simulation is. */
public enum SimulationState {
    /** Stored, waiting for an instance to take it. */
    QUEUED,
    /** An instance is deciding the ads, step by step. */
    RUNNING,
    /** Every ad decided; the counts are final. */
    DONE,
    /** Stopped on request; the counts are those of the steps made. */
    CANCELLED,
    /** Could not go on (the pack in force changed under it, or none is loaded); the counts are partial. */
    FAILED
}
