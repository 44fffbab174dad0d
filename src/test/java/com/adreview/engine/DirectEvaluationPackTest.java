package com.adreview.engine;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.policy.PolicyTestRunner;
import com.adreview.testing.Packs;
import com.adreview.testing.TestPackages;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Decision by decision on the shipped pack, the direct evaluation against the same pack evaluated by
 * CEL's interpreter alone: the same decisions, on every case of the pack's tests and on variations of
 * the shared examples, in every category. (Operator by operator: {@link DirectEvaluationTest}.)
 *
 * <p>Left out of mutation testing ({@code -Ppit}): each of its hundreds of invocations reaches nearly
 * every line of the engine, so every mutant would run them all, and an agreement over the pack pins no
 * behaviour the engine's own tests do not.
 */
class DirectEvaluationPackTest {

    private static final Instant NOW = Instant.parse("2026-11-22T04:00:00Z");

    private static PolicyPack direct;
    private static PolicyPack interpreted;

    @BeforeAll
    static void loadPacks() throws Exception {
        direct = Packs.shipped();
        interpreted = Packs.shippedInterpreted();
    }

    static Stream<PolicyTestRunner.Case> cases() throws Exception {
        return Packs.shippedCases().stream();
    }

    /** Every case of the pack's own tests, in every category, with several complaint records. */
    @ParameterizedTest
    @MethodSource("cases")
    void decisionsAreTheInterpretersOnThePacksTestCases(PolicyTestRunner.Case c) {
        for (Category category : Category.values()) {
            for (ComplaintRecord complaints : complaintRecords(c.now())) {
                for (Set<Category> suspended : List.of(Set.<Category>of(), Set.of(category))) {
                    AdPackage ad = withCategory(c.ad(), category);
                    EvaluationContext context = new EvaluationContext(c.now(), complaints, suspended);
                    assertSameDecision(ad, context);
                }
            }
        }
    }

    @Test
    void decisionsAreTheInterpretersOnTheSharedExamplesAndTheirVariations() {
        List<AdPackage> packages = new ArrayList<>();
        for (String example : TestPackages.examples()) {
            packages.add(TestPackages.example(example).build());
            packages.add(TestPackages.example(example)
                    .without("advertiser.paidInCapital")
                    .build());
            packages.add(TestPackages.example(example)
                    .without("advertiser.registeredCapital")
                    .without("advertiser.paidInCapital")
                    .build());
            packages.add(TestPackages.example(example)
                    .with("advertiser.paidInCapital", Map.of("amount", 49_999_999.99, "currency", "CNY"))
                    .build());
            packages.add(TestPackages.example(example)
                    .with("advertiser.registeredCapital", Map.of("amount", 60_000_000, "currency", "USD"))
                    .build());
            packages.add(TestPackages.example(example)
                    .without("advertiser.operatingSince")
                    .build());
            packages.add(TestPackages.example(example)
                    .with("product.maxAnnualRate", 0.36)
                    .with("riskWarning", "")
                    .build());
            packages.add(TestPackages.example(example)
                    .with("icp.number", "")
                    .with("creative.landingUrl", "not a url")
                    .with("advertiser.creditCode", "92110108558521630X")
                    .build());
        }
        for (AdPackage ad : packages) {
            for (Category category : Category.values()) {
                for (ComplaintRecord complaints : complaintRecords(NOW)) {
                    assertSameDecision(withCategory(ad, category), new EvaluationContext(NOW, complaints));
                }
            }
        }
    }

    private static void assertSameDecision(AdPackage ad, EvaluationContext context) {
        DecisionEngine engine = new DecisionEngine();
        Decision expected = engine.evaluate(ad, context, interpreted);
        assertThat(engine.evaluate(ad, context, direct))
                .as("%s in %s", ad.adId(), ad.category())
                .isEqualTo(expected);
    }

    private static List<ComplaintRecord> complaintRecords(Instant now) {
        List<ComplaintRecord> records = new ArrayList<>();
        records.add(ComplaintRecord.NONE);
        records.add(complaints(now, 6, "CONSUMER", "1000"));
        records.add(complaints(now, 25, "CONSUMER", "10"));
        records.add(complaints(now, 1, "REGULATOR", null));
        records.add(complaints(now, 1, "CONSUMER", "2000000"));
        return records;
    }

    private static ComplaintRecord complaints(Instant now, int count, String source, String amount) {
        List<ComplaintRecord.Entry> entries = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            entries.add(new ComplaintRecord.Entry(
                    "c" + i,
                    now.minusSeconds(86_400L * (i + 1)),
                    source,
                    amount == null ? null : new BigDecimal(amount),
                    "CNY"));
        }
        return new ComplaintRecord(entries);
    }

    private static AdPackage withCategory(AdPackage ad, Category category) {
        return new AdPackage(
                ad.adId(),
                category,
                ad.advertiser(),
                ad.icp(),
                ad.product(),
                ad.creative(),
                ad.riskWarning(),
                ad.placements());
    }
}
