package com.adreview.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.adreview.engine.Category;
import com.adreview.engine.ComplaintRecord;
import com.adreview.engine.IdentifierKind;
import com.adreview.engine.IdentityConflict;
import com.adreview.engine.SubmissionStatus;
import com.adreview.engine.Topic;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The reader of a pack's test cases, on case files written here: every key of a case read into
 * exactly the case it says, and every malformed file refused with each of its problems. (The shipped
 * cases are run by {@link PolicyPackTest}, read once per JVM.)
 */
class PolicyTestRunnerTest {

    private static final Instant FILE_NOW = Instant.parse("2026-11-22T02:00:00Z");

    @TempDir
    Path pack;

    private Path tests() throws IOException {
        Path packages = pack.resolve("tests").resolve(PolicyTestRunner.PACKAGES_DIR);
        Files.createDirectories(packages);
        Files.copy(Path.of("policies/tests/packages/clean-shop.yaml"), packages.resolve("clean-shop.yaml"));
        return pack.resolve("tests");
    }

    @Test
    void everyKeyOfACaseIsReadIntoTheCase() throws Exception {
        Path tests = tests();
        Files.writeString(
                tests.resolve("a.yaml"),
                """
                description: two cases
                now: "2026-11-22T10:00:00+08:00"
                cases:
                  - name: everything set
                    package: clean-shop
                    set: {creative.headline: 保本, product.name: 别名}
                    unset: [product.appId, nothing.here.at.all]
                    complaints:
                      - {count: 2, daysAgo: 1.5, amount: 100}
                      - {daysAgo: 3, recordedDaysAgo: 1, source: REGULATOR, reporter: r-1, currency: USD}
                    verdictDaysAgo: 2
                    heldByAnotherAccount: [advertiser.creditCode, icp.domains, product.domain]
                    suspended: [P2P_LENDING, ECOMMERCE]
                    expect: {status: APPROVED, topics: [ICP_MISSING, GUARANTEED_RETURN], rules: [b, a]}
                  - name: its own moment, only a status
                    package: clean-shop
                    now: "2026-01-01T00:00:00Z"
                    expect: {status: REJECTED}
                """);
        // A file that is not YAML by its name is not read.
        Files.writeString(tests.resolve("notes.txt"), "not: [a case");
        List<PolicyTestRunner.Case> cases = new PolicyTestRunner().load(pack);
        assertThat(cases).hasSize(2);

        PolicyTestRunner.Case first = cases.get(0);
        assertThat(first.toString()).isEqualTo("tests/a.yaml: everything set");
        assertThat(first.file()).isEqualTo("tests/a.yaml");
        assertThat(first.now()).isEqualTo(FILE_NOW);
        assertThat(first.ad().adId()).isEqualTo("clean-shop");
        assertThat(first.ad().creative().headline()).isEqualTo("保本");
        assertThat(first.ad().creative().body()).isEqualTo("全场包邮，七天无理由退货。");
        assertThat(first.ad().product().name()).isEqualTo("别名");
        assertThat(first.ad().product().appId()).isNull();
        assertThat(first.ad().product().domain()).isEqualTo("lexiang-shop.cn");
        Instant dayAndAHalf = FILE_NOW.minusSeconds(129_600);
        Instant threeDays = FILE_NOW.minusSeconds(3 * 86_400);
        assertThat(first.complaints())
                .isEqualTo(new ComplaintRecord(List.of(
                        new ComplaintRecord.Entry(
                                "test-0",
                                dayAndAHalf,
                                "USER",
                                new BigDecimal("100"),
                                "CNY",
                                "reporter-test-0",
                                dayAndAHalf),
                        new ComplaintRecord.Entry(
                                "test-1",
                                dayAndAHalf,
                                "USER",
                                new BigDecimal("100"),
                                "CNY",
                                "reporter-test-1",
                                dayAndAHalf),
                        new ComplaintRecord.Entry(
                                "test-2", threeDays, "REGULATOR", null, "USD", "r-1", FILE_NOW.minusSeconds(86_400)))));
        assertThat(first.verdictAt()).isEqualTo(FILE_NOW.minusSeconds(2 * 86_400));
        assertThat(first.conflicts())
                .containsExactly(
                        new IdentityConflict(IdentifierKind.CREDIT_CODE, "91330100678901232G", "acct-holder"),
                        new IdentityConflict(IdentifierKind.DOMAIN, "lexiang-shop.cn", "acct-holder"),
                        new IdentityConflict(IdentifierKind.DOMAIN, "lexiang-shop.cn", "acct-holder"));
        assertThat(first.suspended()).containsExactlyInAnyOrder(Category.P2P_LENDING, Category.ECOMMERCE);
        assertThat(first.status()).isEqualTo(SubmissionStatus.APPROVED);
        assertThat(first.topics()).containsExactlyInAnyOrder(Topic.ICP_MISSING, Topic.GUARANTEED_RETURN);
        assertThat(first.rules()).containsExactlyInAnyOrder("a", "b");

        PolicyTestRunner.Case second = cases.get(1);
        assertThat(second.name()).isEqualTo("its own moment, only a status");
        assertThat(second.now()).isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
        assertThat(second.ad().product().appId()).isEqualTo("com.example.lexiang-shop");
        assertThat(second.complaints().complaints()).isEmpty();
        assertThat(second.verdictAt()).isNull();
        assertThat(second.conflicts()).isEmpty();
        assertThat(second.suspended()).isEmpty();
        assertThat(second.status()).isEqualTo(SubmissionStatus.REJECTED);
        assertThat(second.topics()).isNull();
        assertThat(second.rules()).isNull();
    }

    @Test
    void aCaseFailsOnEachExpectationTheDecisionMissesAndNamesThemAll() throws Exception {
        Files.writeString(
                tests().resolve("g.yaml"),
                """
                now: "2026-11-22T10:00:00+08:00"
                cases:
                  - name: as expected
                    package: clean-shop
                    expect: {status: APPROVED, topics: [], rules: []}
                  - name: all wrong
                    package: clean-shop
                    expect: {status: REJECTED, topics: [ICP_MISSING], rules: [icp-required]}
                """);
        PolicyTestRunner runner = new PolicyTestRunner();
        List<PolicyTestRunner.Case> cases = runner.load(pack);
        PolicyTestRunner.Result passed = runner.run(cases.get(0), com.adreview.testing.Packs.shipped());
        assertThat(passed.failure()).isNull();
        assertThat(passed.passed()).isTrue();
        assertThat(passed.decision().findings()).isEmpty();
        PolicyTestRunner.Result failed = runner.run(cases.get(1), com.adreview.testing.Packs.shipped());
        assertThat(failed.passed()).isFalse();
        assertThat(failed.failure())
                .isEqualTo("status APPROVED, expected REJECTED; topics [], expected [ICP_MISSING];"
                        + " rules [] lack [icp-required] (findings: )");
    }

    @Test
    void aMalformedFileIsRefusedWithEachOfItsProblems() throws Exception {
        Path tests = tests();
        Files.writeString(
                tests.resolve("b.yaml"),
                """
                colour: red
                cases:
                  - name: no moment anywhere
                    package: clean-shop
                    expect: {status: APPROVED}
                """);
        Files.writeString(
                tests.resolve("c.yaml"),
                """
                now: "yesterday"
                cases:
                  - package: clean-shop
                    expect: {status: APPROVED}
                  - name: a bad package
                    now: "2026-01-01T00:00:00Z"
                    package: no-such-package
                    expect: {status: APPROVED}
                  - name: no expectation
                    now: "2026-01-01T00:00:00Z"
                    package: clean-shop
                    flavour: sweet
                  - name: a bad expectation
                    now: "2026-01-01T00:00:00Z"
                    package: clean-shop
                    expect: {status: MAYBE, colour: red}
                  - name: a bad complaint and holder
                    now: "2026-01-01T00:00:00Z"
                    package: clean-shop
                    complaints: [{daysAgo: 1, mood: angry}]
                    heldByAnotherAccount: [creative.body]
                    expect: {status: APPROVED}
                """);
        Files.writeString(tests.resolve("d.yaml"), "cases: []\n");
        Files.writeString(tests.resolve("e.yaml"), "- just a list\n");
        Files.writeString(tests.resolve("f.yaml"), "cases: [a\n");
        List<PackProblem> problems = catchThrowableOfType(
                        PolicyPackException.class, () -> new PolicyTestRunner().load(pack))
                .problems();
        assertThat(problems.subList(0, problems.size() - 1))
                .containsExactly(
                        new PackProblem(
                                "tests/b.yaml", 0, null, "unknown key 'colour' (allowed: [cases, description, now])"),
                        new PackProblem("tests/b.yaml", 0, "no moment anywhere", "no 'now' for the case or its file"),
                        new PackProblem(
                                "tests/c.yaml", 0, null, "'now' must be an ISO date-time with offset: yesterday"),
                        new PackProblem("tests/c.yaml", 0, null, "every case needs a 'name'"),
                        new PackProblem(
                                "tests/c.yaml",
                                0,
                                "a bad package",
                                "'package' must name a file of tests/packages/ (without .yaml)"),
                        new PackProblem(
                                "tests/c.yaml",
                                0,
                                "no expectation",
                                "unknown key 'flavour' (allowed: [complaints, expect, heldByAnotherAccount, name, now,"
                                        + " package, set, suspended, unset, verdictDaysAgo])"),
                        new PackProblem("tests/c.yaml", 0, "no expectation", "missing 'expect'"),
                        new PackProblem(
                                "tests/c.yaml",
                                0,
                                "a bad expectation",
                                "unknown key 'colour' (allowed: [rules, status, topics])"),
                        new PackProblem(
                                "tests/c.yaml",
                                0,
                                "a bad expectation",
                                "bad expectation: No enum constant com.adreview.engine.SubmissionStatus.MAYBE"),
                        new PackProblem(
                                "tests/c.yaml",
                                0,
                                "a bad complaint and holder",
                                "unknown key 'mood' (allowed: [amount, count, currency, daysAgo, recordedDaysAgo,"
                                        + " reporter, source])"),
                        new PackProblem(
                                "tests/c.yaml",
                                0,
                                "a bad complaint and holder",
                                "bad expectation: heldByAnotherAccount: creative.body is not an identifier field"
                                        + " (advertiser.creditCode, product.domain, icp.domains, product.appId)"),
                        new PackProblem("tests/d.yaml", 0, null, "'cases' must be a non-empty list"),
                        new PackProblem("tests/e.yaml", 0, null, "expected a mapping with 'cases'"));
        assertThat(problems.get(problems.size() - 1)).satisfies(p -> {
            assertThat(p.file()).isEqualTo("tests/f.yaml");
            assertThat(p.reason()).startsWith("not valid YAML: ");
        });
        assertThat(Set.copyOf(problems)).hasSameSizeAs(problems);
    }
}
