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
        return f.evidence().stream()
                .filter(e -> e.text() != null && !e.text().isBlank()) // a field the ad leaves out quotes nothing
                .map(e -> e.field() + ": " + e.text())
                .toList();
    }
}
