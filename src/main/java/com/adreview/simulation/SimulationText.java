package com.adreview.simulation;

import com.adreview.engine.Finding;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.List;

/** What the simulation pages print of a finding: its evidence, quoted as submitted. */
@ApplicationScoped
@Named("simulationText")
public class SimulationText {

    public List<String> quotes(Finding f) {
        return f.evidence().stream().map(e -> e.field() + ": " + e.text()).toList();
    }
}
