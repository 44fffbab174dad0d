package com.adreview.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The engine's per-decision shortcuts, each held equal to the code it replaced on seeded random input. */
class DecisionEngineFastPathTest {

    @Test
    void labelsAreListedAsTheLinkedHashSetListedThem() {
        Random random = new Random(17);
        String[] labels = {"capital guarantee (保本)", "guaranteed yield (保收益)", "a", "b", "", null};
        for (int round = 0; round < 2000; round++) {
            List<ContentScan.Hit> hits = new ArrayList<>();
            int n = random.nextInt(8);
            for (int i = 0; i < n; i++) {
                hits.add(new ContentScan.Hit("creative.body", i, i + 1, "x", labels[random.nextInt(labels.length)]));
            }
            Set<String> set = new LinkedHashSet<>();
            hits.forEach(h -> set.add(h.label()));
            String expected = "The message." + " Found: " + String.join("; ", set) + ".";
            assertThat(DecisionEngine.withLabels("The message.", hits)).isEqualTo(expected);
        }
    }

    @Test
    void valueAtReadsEveryPathAsSplittingItDid() {
        Map<String, Object> document = new HashMap<>();
        Map<String, Object> icp = new HashMap<>();
        icp.put("number", "京ICP证030173号");
        icp.put("", "empty key");
        document.put("icp", icp);
        document.put("adId", "ad-1");
        document.put("", Map.of("", "both empty"));
        List<String> paths = new ArrayList<>();
        for (AdField field : AdField.values()) {
            paths.add(field.path());
        }
        paths.addAll(List.of(
                "", ".", "..", "icp", "icp.", "icp..", ".icp", "icp..number", "icp.number.x", "adId.x", "nope"));
        for (String path : paths) {
            Object current = document;
            for (String part : path.split("\\.")) {
                current = current instanceof Map<?, ?> map ? map.get(part) : null;
                if (current == null) {
                    break;
                }
            }
            assertThat(PolicyInput.valueAt(document, path)).as(path).isEqualTo(current);
        }
    }

    @Test
    void conflictsAreCountedAsTheStreamCountedThem() {
        Random random = new Random(17);
        IdentifierKind[] kinds = IdentifierKind.values();
        for (int round = 0; round < 500; round++) {
            List<IdentityConflict> conflicts = new ArrayList<>();
            int n = random.nextInt(6);
            for (int i = 0; i < n; i++) {
                conflicts.add(new IdentityConflict(kinds[random.nextInt(kinds.length)], "v" + i, "acct-" + i));
            }
            EvaluationContext context = new EvaluationContext(Instant.EPOCH).withConflicts(conflicts);
            for (IdentifierKind kind : kinds) {
                assertThat(context.conflictsOf(kind))
                        .isEqualTo(
                                conflicts.stream().filter(c -> c.kind() == kind).count());
            }
        }
    }

    @Test
    void directReadsOfFieldsAndParametersGiveWhatFindGives() {
        Random random = new Random(17);
        Object[] leaves = {"text", "", 12.5, 7L, List.of("a.cn"), "CNY"};
        for (int round = 0; round < 300; round++) {
            // A document with some objects missing, some fields missing, and now and then a leaf where
            // an object should be.
            Map<String, Object> document = new HashMap<>();
            for (String name : CelEnvironment.AD_PATHS.keySet()) {
                String[] path = CelEnvironment.AD_PATHS.get(name);
                if (path.length == 0 || random.nextInt(4) == 0) {
                    continue;
                }
                Map<String, Object> parent = document;
                for (int i = 0; i < path.length - 1 && parent != null; i++) {
                    Object child = parent.get(path[i]);
                    if (child == null) {
                        child = random.nextInt(10) == 0 ? "not an object" : new HashMap<String, Object>();
                        parent.put(new String(path[i]), child); // another instance: found by equals too
                    }
                    @SuppressWarnings("unchecked")
                    Map<String, Object> next = child instanceof Map<?, ?> ? (Map<String, Object>) child : null;
                    parent = next;
                }
                if (parent != null && !parent.containsKey(path[path.length - 1])) {
                    parent.put(path[path.length - 1], leaves[random.nextInt(leaves.length)]);
                }
            }
            Map<String, Object> params = new HashMap<>();
            params.put("minCapital", 1.0);
            params.put("riskPhrases", List.of("投资有风险"));
            PolicyVariables variables =
                    new PolicyVariables(document, params, "2026-11-22", new EvaluationContext(Instant.EPOCH), false);
            for (String name : CelEnvironment.AD_PATHS.keySet()) {
                assertThat(variables.adValue(CelEnvironment.AD_PATHS.get(name)))
                        .as(name)
                        .isEqualTo(variables.find(name).orElse(CelEnvironment.DirectEvaluation.UNDECIDED));
            }
            for (String key : List.of("minCapital", "riskPhrases", "missing")) {
                assertThat(variables.parameter(key))
                        .as(key)
                        .isEqualTo(variables.find("params." + key).orElse(CelEnvironment.DirectEvaluation.UNDECIDED));
            }
        }
    }

    @Test
    void internedIdsAreTheIdsAsTheyWereKept() {
        Random random = new Random(17);
        String[] ids = {"fee", "before-payout", "payout", "fraud-warning", "x"};
        for (int round = 0; round < 500; round++) {
            List<String> given = new ArrayList<>();
            int n = random.nextInt(6);
            for (int i = 0; i < n; i++) {
                given.add(new String(ids[random.nextInt(ids.length)])); // not the literal's instance
            }
            List<String> interned = ContentDictionary.interned(given);
            assertThat(interned).isEqualTo(List.copyOf(new LinkedHashSet<>(given)));
            interned.forEach(id -> assertThat(id).isSameAs(id.intern()));
            ConceptMatcher concepts = new ConceptMatcher(given, given, 0, List.of("creative.body"));
            assertThat(concepts.concepts()).isEqualTo(List.copyOf(given));
            assertThat(concepts.unless()).isEqualTo(List.copyOf(new LinkedHashSet<>(given)));
            assertThat(new PhraseListMatcher(given, List.of("creative.body")).lists())
                    .isEqualTo(List.copyOf(new LinkedHashSet<>(given)));
        }
    }

    @Test
    void moneyIsWrittenAsTheDecimalFormatWritesIt() {
        java.text.DecimalFormat format = new java.text.DecimalFormat(
                "#,##0.##", java.text.DecimalFormatSymbols.getInstance(java.util.Locale.ROOT));
        format.setRoundingMode(java.math.RoundingMode.HALF_EVEN);
        Random random = new Random(17);
        List<java.math.BigDecimal> amounts = new ArrayList<>();
        for (String s : List.of(
                "0",
                "0.00",
                "0.001",
                "0.005",
                "0.015",
                "0.025",
                "0.125",
                "0.135",
                "0.995",
                "0.994999",
                "1",
                "9.995",
                "10",
                "999",
                "999.995",
                "1000",
                "24",
                "36.5",
                "100000",
                "30000.00",
                "1E+3",
                "1E+14",
                "999999999999999.99",
                "999999999999999.995",
                "1E+15",
                "123456789012345678",
                "-0.001",
                "-1",
                "-1234.5")) {
            amounts.add(new java.math.BigDecimal(s));
        }
        for (int i = 0; i < 20_000; i++) {
            long unscaled =
                    random.nextInt(4) == 0 ? random.nextInt(100_000) : random.nextLong() % 10_000_000_000_000_000L;
            amounts.add(java.math.BigDecimal.valueOf(unscaled, random.nextInt(24) - 4));
            amounts.add(java.math.BigDecimal.valueOf(random.nextDouble() * Math.pow(10, random.nextInt(16))));
        }
        for (java.math.BigDecimal amount : amounts) {
            assertThat(MoneyText.of(null, amount)).as("%s", amount).isEqualTo(format.format(amount));
            assertThat(MoneyText.of("CNY", amount)).as("%s", amount).isEqualTo("CNY " + format.format(amount));
        }
    }
}
