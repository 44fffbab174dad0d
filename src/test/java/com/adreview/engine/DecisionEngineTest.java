package com.adreview.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.policy.PolicyPackLoader;
import com.adreview.testing.TestPackages;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class DecisionEngineTest {

    private static final EvaluationContext NOW = new EvaluationContext(Instant.parse("2026-11-22T04:00:00Z"));
    private static PolicyPack pack;
    private final DecisionEngine engine = new DecisionEngine();

    @BeforeAll
    static void loadPack() throws Exception {
        pack = com.adreview.testing.Packs.shipped();
    }

    @ParameterizedTest
    @MethodSource("com.adreview.testing.TestPackages#examples")
    void sharedExamplesGetTheirExpectedDecision(String name) throws Exception {
        var file = TestPackages.exampleFile(name);
        Decision decision = engine.evaluate(TestPackages.example(name).build(), NOW, pack);

        assertThat(decision.status().name()).isEqualTo(file.at("/expect/status").asText());
        // Exactly the expected topics: an extra finding fails as surely as a missing one (issue 21).
        List<String> expected = new java.util.ArrayList<>();
        file.at("/expect/topics").forEach(t -> expected.add(t.asText()));
        assertThat(decision.findings().stream().map(f -> f.topic().name()).distinct())
                .as(name)
                .containsExactlyInAnyOrderElementsOf(expected);
        assertThat(decision.policyVersion()).isEqualTo(pack.version()).startsWith("sha256:");
    }

    @Test
    void everyFindingCarriesItsRuleCitationAndEvidence() {
        Decision decision =
                engine.evaluate(TestPackages.example("03-rejected-filing-only").build(), NOW, pack);

        Finding finding = decision.findings().stream()
                .filter(f -> f.topic() == Topic.ICP_NOT_COMMERCIAL)
                .findFirst()
                .orElseThrow();
        assertThat(finding.ruleId()).isEqualTo("icp-filing-for-financial");
        assertThat(finding.outcome()).isEqualTo(Outcome.REJECT);
        assertThat(finding.citation()).contains("Internet Information Services");
        assertThat(finding.evidence()).containsExactly(new Evidence("icp.number", "粤ICP备17045678号-2", 0, 16));
    }

    @Test
    void messageExpressionsExplainWithTheActualValues() {
        AdPackage young = TestPackages.clean("P2P_LENDING")
                .with("advertiser.operatingSince", "2025-01-15")
                .build();

        Finding finding = engine.evaluate(young, NOW, pack).findings().get(0);

        assertThat(finding.topic()).isEqualTo(Topic.OPERATING_HISTORY_SHORT);
        assertThat(finding.message())
                .isEqualTo("In operation for 22 full months since 2025-01-15; P2P_LENDING requires 24.");
    }

    @Test
    void sameInputsGiveTheSameDecision() {
        AdPackage ad = TestPackages.example("05-pending-landing-domain").build();
        assertThat(engine.evaluate(ad, NOW, pack)).isEqualTo(engine.evaluate(ad, NOW, pack));
    }

    @Test
    void aRuleThatCannotBeEvaluatedEscalatesInsteadOfPassingSilently(
            @org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        java.nio.file.Files.writeString(dir.resolve("pack.yaml"), "name: t\ntimeZone: Asia/Shanghai\n");
        java.nio.file.Files.createDirectories(dir.resolve("rules"));
        java.nio.file.Files.writeString(
                dir.resolve("rules/r.yaml"),
                """
                rules:
                  - id: started-2016
                    topic: OPERATING_HISTORY_SHORT
                    outcome: REJECT
                    when: ad.advertiser.operatingSince == '2016-01-01'
                    message: m
                    citation: c
                """);
        PolicyPack small = new PolicyPackLoader().load(dir);
        AdPackage noDate =
                TestPackages.clean("OTHER").without("advertiser.operatingSince").build();

        Finding finding = engine.evaluate(noDate, NOW, small).findings().get(0);

        assertThat(finding.outcome()).isEqualTo(Outcome.ESCALATE);
        assertThat(finding.message()).contains("could not be evaluated");
    }

    @Test
    void aRateFindingStatesTheRateAnnualised() {
        AdPackage ad = TestPackages.clean("CONSUMER_CREDIT")
                .with("creative.body", "日息0.1%，月息2.35%，年化36%，日息0.0999%")
                .build();

        Finding finding = engine.evaluate(ad, NOW, pack).findings().get(0);

        assertThat(finding.topic()).isEqualTo(Topic.RATE_ABOVE_CAP);
        assertThat(finding.message())
                .startsWith("The ad states a rate above the cap of 24 % a year once annualised.")
                // One decimal, none for a whole percent, two at most (issue 21, gap 1).
                .contains(
                        "“日息0.1%” = 36.5 % a year",
                        "“月息2.35%” = 28.2 % a year", "“年化36%” = 36 % a year", "“日息0.0999%” = 36.46 % a year");
        assertThat(finding.evidence())
                .extracting(Evidence::text)
                .containsExactly("日息0.1%", "月息2.35%", "年化36%", "日息0.0999%");
    }

    @Test
    void evidenceOfAFieldThatIsNotTextRendersItsValue(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // Issue 21, gap 3: money, lists and numbers are quoted as values (no offsets), a missing field as "";
        // numbers in plain notation without trailing zeros, whatever their size.
        java.nio.file.Files.writeString(dir.resolve("pack.yaml"), "name: t\ntimeZone: Asia/Shanghai\n");
        java.nio.file.Files.createDirectories(dir.resolve("rules"));
        java.nio.file.Files.writeString(
                dir.resolve("rules/r.yaml"),
                """
                rules:
                  - id: cite-values
                    topic: CAPITAL_BELOW_MINIMUM
                    outcome: ESCALATE
                    when: "true"
                    message: m
                    citation: c
                    evidence: [advertiser.registeredCapital, advertiser.paidInCapital, icp.domains, product.maxAnnualRate, advertiser.operatingSince, creative.headline]
                """);
        PolicyPack small = new PolicyPackLoader().load(dir);
        AdPackage ad = TestPackages.clean("P2P_LENDING")
                .with("advertiser.registeredCapital", java.util.Map.of("amount", 1_000_000, "currency", "CNY"))
                .with("advertiser.paidInCapital", java.util.Map.of("amount", 50_000_000.5, "currency", "USD"))
                .withList("icp.domains", "example.cn", "example.com.cn")
                .with("product.maxAnnualRate", 0.0000001)
                .without("advertiser.operatingSince")
                .with("creative.headline", "稳健理财")
                .build();

        Finding finding = engine.evaluate(ad, NOW, small).findings().get(0);

        assertThat(finding.evidence())
                .containsExactly(
                        Evidence.value("advertiser.registeredCapital", "1000000 CNY"),
                        Evidence.value("advertiser.paidInCapital", "50000000.5 USD"),
                        Evidence.value("icp.domains", "example.cn, example.com.cn"),
                        Evidence.value("product.maxAnnualRate", "0.0000001"),
                        Evidence.value("advertiser.operatingSince", ""),
                        new Evidence("creative.headline", "稳健理财", 0, 4));
    }

    @Test
    void complaintAmountsAreSummedInThePacksComplaintCurrency(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws Exception {
        // Issue 21, gap 9: the window counts amounts in params.complaintCurrency only, not always in CNY.
        java.nio.file.Files.writeString(
                dir.resolve("pack.yaml"),
                "name: t\ntimeZone: Asia/Shanghai\ndefaults:\n  complaintWindowDays: 90\n  complaintCurrency: USD\n");
        java.nio.file.Files.createDirectories(dir.resolve("rules"));
        java.nio.file.Files.writeString(
                dir.resolve("rules/r.yaml"),
                """
                rules:
                  - id: amounts
                    topic: COMPLAINT_HISTORY
                    outcome: ESCALATE
                    when: complaints.count > 0
                    message: m
                    messageExpression: money(params.complaintCurrency, complaints.amount)
                    citation: c
                """);
        PolicyPack small = new PolicyPackLoader().load(dir);
        Instant now = NOW.now();
        ComplaintRecord complaints = new ComplaintRecord(List.of(
                new ComplaintRecord.Entry(
                        "c1", now.minusSeconds(86_400), "USER", new java.math.BigDecimal("700"), "USD"),
                new ComplaintRecord.Entry(
                        "c2", now.minusSeconds(86_400), "USER", new java.math.BigDecimal("9000"), "CNY"),
                new ComplaintRecord.Entry(
                        "c3", now.minusSeconds(86_400), "USER", new java.math.BigDecimal("50"), "USD")));

        Finding finding = engine.evaluate(
                        TestPackages.clean("OTHER").build(), new EvaluationContext(now, complaints), small)
                .findings()
                .get(0);

        assertThat(finding.message()).isEqualTo("USD 750");
    }
}
