package com.adreview.simulation;

/** A simulation was stored: the runner looks at once rather than at its next poll. */
record SimulationQueued(String id) {}
