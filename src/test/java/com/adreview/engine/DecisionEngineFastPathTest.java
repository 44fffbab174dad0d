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
}
