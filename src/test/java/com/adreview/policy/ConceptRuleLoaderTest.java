package com.adreview.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.adreview.engine.AdPackage;
import com.adreview.engine.ConceptMatcher;
import com.adreview.engine.Decision;
import com.adreview.engine.DecisionEngine;
import com.adreview.engine.EvaluationContext;
import com.adreview.engine.Evidence;
import com.adreview.engine.PolicyPack;
import com.adreview.engine.Topic;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Concept lexicons and concept rules: validated with file and line, matched in one sentence or a window. */
class ConceptRuleLoaderTest {

    @TempDir
    Path dir;

    private static final String MANIFEST = "name: t\ntimeZone: Asia/Shanghai\n";
    private static final String CONCEPTS =
            """
            concepts:
              - id: fee
                name: a fee
                terms: [押金, 保证金, deposit]
                negations: [无需, no]
              - id: payout
                name: a payout
                terms: [放款, loan]
              - id: warning
                name: a warning
                terms: [诈骗]
            """;
    private static final String RULE =
            """
            rules:
              - id: fee-before-loan
                topic: UPFRONT_FEE
                outcome: REJECT
                concepts: [fee, payout]
                unless: [warning]
                message: fee before loan
                citation: a law
            """;

    private Path pack(String concepts, String rules) throws IOException {
        Files.writeString(dir.resolve("pack.yaml"), MANIFEST);
        Files.createDirectories(dir.resolve("rules"));
        Files.createDirectories(dir.resolve("concepts"));
        Files.writeString(dir.resolve("rules/r.yaml"), rules);
        Files.writeString(dir.resolve("concepts/c.yaml"), concepts);
        return dir;
    }

    private List<PackProblem> problems(String concepts, String rules) throws IOException {
        Path p = pack(concepts, rules);
        return catchThrowableOfType(PolicyPackException.class, () -> new PolicyPackLoader().load(p))
                .problems();
    }

    private static void assertProblem(List<PackProblem> problems, String file, int line, String reason) {
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(file);
            assertThat(p.line()).isEqualTo(line);
            assertThat(p.reason()).contains(reason);
        });
    }

    private static Decision decide(PolicyPack pack, String body) {
        AdPackage.Money capital = new AdPackage.Money(new BigDecimal("200000000"), "CNY");
        AdPackage ad = new AdPackage(
                "a",
                com.adreview.engine.Category.OTHER,
                new AdPackage.Advertiser(
                        "acct", "n", "91110108558521630L", capital, null, LocalDate.of(2016, 1, 1), "x"),
                new AdPackage.Icp("京ICP证160221号", "n", List.of("example.cn")),
                new AdPackage.Product("p", "example.cn", "app", null),
                new AdPackage.Creative("", body, "", "https://example.cn/"),
                "r",
                List.of());
        return new DecisionEngine().evaluate(ad, new EvaluationContext(Instant.parse("2026-01-01T00:00:00Z")), pack);
    }

    @Test
    void aConceptRuleFiresWhenEveryConceptIsInOneSentenceAndQuotesEveryTerm() throws Exception {
        PolicyPack pack = new PolicyPackLoader().load(pack(CONCEPTS, RULE));
        assertThat(pack.rules().get(0).matcher()).isInstanceOf(ConceptMatcher.class);
        String body = "审核通过。请先交 押 金，随后放款。";
        Decision d = decide(pack, body);
        assertThat(d.findings()).extracting(f -> f.topic()).containsExactly(Topic.UPFRONT_FEE);
        List<Evidence> evidence = d.findings().get(0).evidence();
        assertThat(evidence).extracting(Evidence::text).containsExactly("押 金", "放款");
        for (Evidence e : evidence) {
            assertThat(body.substring(e.start(), e.end())).isEqualTo(e.text());
        }
        assertThat(d.findings().get(0).message()).contains("a fee").contains("a payout");
    }

    @Test
    void conceptsInDifferentSentencesOrCancelledOrNegatedDoNotFire() throws Exception {
        PolicyPack pack = new PolicyPackLoader().load(pack(CONCEPTS, RULE));
        assertThat(decide(pack, "请交押金。放款很快。").findings()).isEmpty();
        assertThat(decide(pack, "放款前要求交押金的都是诈骗。").findings()).isEmpty();
        assertThat(decide(pack, "无需押金，当天放款。").findings()).isEmpty();
    }

    @Test
    void withinCountsNormalisedCharacters() throws Exception {
        PolicyPack pack = new PolicyPackLoader().load(pack(CONCEPTS, RULE.replace("unless: [warning]", "within: 6")));
        assertThat(decide(pack, "押金。放款").findings()).hasSize(1);
        assertThat(decide(pack, "押金，我们会在很久很久以后放款").findings()).isEmpty();
    }

    @Test
    void anUnknownConceptIsRefusedWithItsLine() throws IOException {
        assertProblem(
                problems(CONCEPTS, RULE.replace("[fee, payout]", "[fee, payouts]")),
                "rules/r.yaml",
                5,
                "no concept 'payouts'");
    }

    @Test
    void withinMustBeSentenceOrACount() throws IOException {
        assertProblem(
                problems(CONCEPTS, RULE.replace("unless: [warning]", "within: far")),
                "rules/r.yaml",
                6,
                "within must be 'sentence' or a number");
    }

    @Test
    void aConceptCannotBeRequiredAndCancelling() throws IOException {
        assertProblem(
                problems(CONCEPTS, RULE.replace("unless: [warning]", "unless: [fee]")),
                "rules/r.yaml",
                6,
                "both required and cancelling");
    }

    @Test
    void withinNeedsConcepts() throws IOException {
        String phraseRule =
                RULE.replace("concepts: [fee, payout]", "when: 'true'").replace("unless: [warning]", "within: 5");
        assertProblem(problems(CONCEPTS, phraseRule), "rules/r.yaml", 6, "'within' needs 'concepts'");
    }

    @Test
    void conceptFileProblemsAreNamed() throws IOException {
        String bad = CONCEPTS + "  - id: fee\n    name: again\n    terms: []\n    colour: red\n";
        List<PackProblem> problems = problems(bad, RULE);
        assertProblem(problems, "concepts/c.yaml", 12, "duplicate concept id 'fee'");
        assertProblem(problems, "concepts/c.yaml", 14, "has no terms");
        assertProblem(problems, "concepts/c.yaml", 15, "unknown key 'colour'");
    }
}
