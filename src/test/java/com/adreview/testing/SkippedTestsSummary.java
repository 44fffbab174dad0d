package com.adreview.testing;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.platform.engine.TestExecutionResult;
import org.junit.platform.launcher.TestExecutionListener;
import org.junit.platform.launcher.TestIdentifier;
import org.junit.platform.launcher.TestPlan;

/**
 * Ends a test run with what was skipped and why (a program missing, see {@link Tools}), so that a green run
 * on a machine with only Java says what it did not check. Registered as a JUnit Platform listener
 * (META-INF/services), for surefire and failsafe alike.
 */
public class SkippedTestsSummary implements TestExecutionListener {

    private final List<String> lines = new ArrayList<>();
    private final AtomicInteger tests = new AtomicInteger();
    private TestPlan plan;

    @Override
    public void testPlanExecutionStarted(TestPlan testPlan) {
        plan = testPlan;
    }

    @Override
    public void executionSkipped(TestIdentifier identifier, String reason) {
        record(identifier, reason);
    }

    @Override
    public void executionFinished(TestIdentifier identifier, TestExecutionResult result) {
        if (result.getStatus() == TestExecutionResult.Status.ABORTED) {
            record(identifier, result.getThrowable().map(Throwable::getMessage).orElse("aborted"));
        }
    }

    private synchronized void record(TestIdentifier identifier, String reason) {
        int count = identifier.isTest() ? 1 : Math.max(1, countTests(identifier));
        tests.addAndGet(count);
        lines.add("  " + identifier.getLegacyReportingName()
                + (identifier.isTest() ? "" : " (" + count + (count == 1 ? " test" : " tests") + ")") + ": "
                + reason);
    }

    private int countTests(TestIdentifier container) {
        if (plan == null) {
            return 0;
        }
        int n = 0;
        for (TestIdentifier child : plan.getChildren(container)) {
            n += child.isTest() ? 1 : countTests(child);
        }
        return n;
    }

    @Override
    public synchronized void testPlanExecutionFinished(TestPlan testPlan) {
        if (lines.isEmpty()) {
            return;
        }
        StringBuilder out = new StringBuilder()
                .append("\n[SKIPPED] ")
                .append(tests.get())
                .append(tests.get() == 1 ? " test was" : " tests were")
                .append(" not run:\n");
        lines.forEach(line -> out.append(line).append('\n'));
        System.out.print(out);
        System.out.flush();
    }
}
