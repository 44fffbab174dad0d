package com.adreview.simulation;

import com.adreview.engine.Finding;
import java.util.Map;
import java.util.TreeMap;

/**
 * The counts of a simulation's scope (the live ads, or the past submissions), as kept in the store and
 * added to step by step: ads decided, ads affected, and per transition, per topic and rule (findings
 * appearing and disappearing) and per category of the affected ads. Keys are names only (no dots), so
 * they are field names as stored.
 */
public class Tally {

    public long decided;
    public long affected;
    public Map<String, Long> transitions = new TreeMap<>();
    public Map<String, Long> topicsAppearing = new TreeMap<>();
    public Map<String, Long> topicsDisappearing = new TreeMap<>();
    public Map<String, Long> rulesAppearing = new TreeMap<>();
    public Map<String, Long> rulesDisappearing = new TreeMap<>();
    public Map<String, Long> categories = new TreeMap<>();

    /** Counts one decided ad; an unaffected one only as decided. */
    void add(Comparison c) {
        decided++;
        if (!c.affected()) {
            return;
        }
        affected++;
        transitions.merge(c.transition(), 1L, Long::sum);
        categories.merge(c.category().name(), 1L, Long::sum);
        for (Finding f : c.appearing()) {
            topicsAppearing.merge(f.topic().name(), 1L, Long::sum);
            rulesAppearing.merge(f.ruleId(), 1L, Long::sum);
        }
        for (Finding f : c.disappearing()) {
            topicsDisappearing.merge(f.topic().name(), 1L, Long::sum);
            rulesDisappearing.merge(f.ruleId(), 1L, Long::sum);
        }
    }

    /** Adds another tally's counts (a step's to the simulation's). */
    void addAll(Tally other) {
        decided += other.decided;
        affected += other.affected;
        other.transitions.forEach((k, v) -> transitions.merge(k, v, Long::sum));
        other.topicsAppearing.forEach((k, v) -> topicsAppearing.merge(k, v, Long::sum));
        other.topicsDisappearing.forEach((k, v) -> topicsDisappearing.merge(k, v, Long::sum));
        other.rulesAppearing.forEach((k, v) -> rulesAppearing.merge(k, v, Long::sum));
        other.rulesDisappearing.forEach((k, v) -> rulesDisappearing.merge(k, v, Long::sum));
        other.categories.forEach((k, v) -> categories.merge(k, v, Long::sum));
    }
}
