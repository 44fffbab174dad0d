package com.adreview.policy;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.engine.Finding;
import com.adreview.engine.PolicyPack;
import com.adreview.engine.PolicyRule;
import com.adreview.testing.Packs;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

/**
 * Runs the policy tests beside the pack ({@code policies/tests}). Point it at another pack with
 * {@code -Dadreview.policy.directory=/path/to/pack} to test a changed pack before deploying it.
 */
class PolicyPackTest {

    @TestFactory
    Stream<DynamicTest> policyTests() throws Exception {
        PolicyPack pack = Packs.shipped();
        PolicyTestRunner runner = new PolicyTestRunner();
        List<PolicyTestRunner.Case> cases = Packs.shippedCases();
        Stream<DynamicTest> each = cases.stream()
                .map(c -> DynamicTest.dynamicTest(c.toString(), () -> {
                    PolicyTestRunner.Result result = runner.run(c, pack);
                    assertThat(result.failure()).as(c.toString()).isNull();
                }));
        DynamicTest coverage = DynamicTest.dynamicTest(
                "every rule has a case where it fires and one where it applies but does not", () -> {
                    List<PolicyTestRunner.Result> results =
                            cases.stream().map(c -> runner.run(c, pack)).toList();
                    Set<String> fired = new HashSet<>();
                    Set<String> heldBack = new HashSet<>();
                    for (PolicyTestRunner.Result r : results) {
                        Set<String> firing = new HashSet<>();
                        r.decision().findings().stream().map(Finding::ruleId).forEach(firing::add);
                        fired.addAll(firing);
                        for (PolicyRule rule : pack.rules()) {
                            if (rule.appliesTo(r.testCase().ad().category()) && !firing.contains(rule.id())) {
                                heldBack.add(rule.id());
                            }
                        }
                    }
                    for (PolicyRule rule : pack.rules()) {
                        assertThat(fired)
                                .as("a case where '%s' fires", rule.id())
                                .contains(rule.id());
                        assertThat(heldBack)
                                .as("a case where '%s' applies and does not fire", rule.id())
                                .contains(rule.id());
                    }
                });
        return Stream.concat(each, Stream.of(coverage));
    }
}
