package com.adreview.policy;

import java.util.List;
import java.util.stream.Collectors;

/** A policy pack that cannot be used, with every problem found in it. */
public final class PolicyPackException extends Exception {

    private final transient List<PackProblem> problems;

    public PolicyPackException(List<PackProblem> problems) {
        super("policy pack refused: "
                + problems.size()
                + " problem(s)\n  "
                + problems.stream().map(PackProblem::toString).collect(Collectors.joining("\n  ")));
        this.problems = List.copyOf(problems);
    }

    public List<PackProblem> problems() {
        return problems;
    }
}
