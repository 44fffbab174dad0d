package com.adreview.policy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.adreview.check.NormalizedText;
import com.adreview.engine.ContentDictionary;
import com.adreview.engine.PhraseListMatcher;
import com.adreview.engine.PolicyPack;
import com.adreview.engine.PolicyRule;
import com.adreview.testing.ConfigMapVolume;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PolicyPackLoaderTest {

    private static final String MANIFEST =
            """
      name: test
      timeZone: Asia/Shanghai
      categoryGroups:
        financial: [P2P_LENDING, CONSUMER_CREDIT]
      categories:
        P2P_LENDING: {minOperatingMonths: 24}
      """;

    private static final String GOOD_RULE =
            """
        - id: icp-missing
          topic: ICP_MISSING
          outcome: REJECT
          when: isBlank(ad.icp.number)
          message: no ICP number
          citation: a law
      """;

    @TempDir
    Path dir;

    private Path pack(String manifest, String rules) throws IOException {
        Files.writeString(dir.resolve("pack.yaml"), manifest);
        Files.createDirectories(dir.resolve("rules"));
        Files.writeString(dir.resolve("rules/r.yaml"), "rules:\n" + rules);
        return dir;
    }

    private List<PackProblem> problems(String manifest, String rules) throws IOException {
        Path p = pack(manifest, rules);
        return catchThrowableOfType(PolicyPackException.class, () -> new PolicyPackLoader().load(p))
                .problems();
    }

    @Test
    void theShippedPackLoads() throws Exception {
        PolicyPack pack = new PolicyPackLoader().load(Path.of("policies"));
        // Every rule the files declare, each with its own topic and outcome: read here independently of the loader.
        var yaml = new com.fasterxml.jackson.databind.ObjectMapper(
                new com.fasterxml.jackson.dataformat.yaml.YAMLFactory());
        List<String> declared = new java.util.ArrayList<>();
        try (Stream<Path> files = Files.list(Path.of("policies/rules"))) {
            for (Path file :
                    files.filter(f -> f.toString().endsWith(".yaml")).sorted().toList()) {
                yaml.readTree(file.toFile())
                        .path("rules")
                        .forEach(r -> declared.add(
                                r.path("id").asText() + " " + r.path("topic").asText() + " "
                                        + r.path("outcome").asText()));
            }
        }
        assertThat(declared).hasSizeGreaterThan(20);
        assertThat(pack.rules())
                .extracting(r -> r.id() + " " + r.topic() + " " + r.outcome())
                .containsExactlyInAnyOrderElementsOf(declared);
        assertThat(pack.version()).matches("sha256:[0-9a-f]{64}");
    }

    @Test
    void thePackMountedFromConfigMapsLoadsAsTheSameVersion() throws Exception {
        Path shipped = Path.of("policies");
        ConfigMapVolume.mountSubPath(dir.resolve("pack.yaml"), Files.readString(shipped.resolve("pack.yaml")));
        for (String sub : List.of("rules", "phrases", "concepts", "model")) {
            Map<String, String> data = new TreeMap<>();
            try (Stream<Path> files = Files.list(shipped.resolve(sub))) {
                for (Path f : files.toList()) {
                    data.put(f.getFileName().toString(), Files.readString(f));
                }
            }
            ConfigMapVolume.mount(Files.createDirectories(dir.resolve(sub)), data);
        }

        PolicyPack mounted = new PolicyPackLoader().load(dir);

        assertThat(mounted.version())
                .as("the links into ..data are read once, the hidden directories not at all")
                .isEqualTo(new PolicyPackLoader().load(shipped).version());
        assertThat(mounted.sources())
                .allSatisfy((path, text) -> assertThat(path).doesNotContain(".."));
    }

    @Test
    void aValidPackLoadsWithItsParameters() throws Exception {
        PolicyPack pack = new PolicyPackLoader().load(pack(MANIFEST, GOOD_RULE));
        assertThat(pack.rules()).extracting(PolicyRule::id).containsExactly("icp-missing");
        assertThat(pack.rules().get(0).source()).isEqualTo("rules/r.yaml:2");
        assertThat(pack.parametersOf(com.adreview.engine.Category.P2P_LENDING))
                .containsEntry("minOperatingMonths", 24L)
                .containsEntry("category", "P2P_LENDING");
    }

    private static void assertProblem(List<PackProblem> problems, String file, int line, String rule, String reason) {
        assertThat(problems).anySatisfy(p -> {
            assertThat(p.file()).isEqualTo(file);
            assertThat(p.line()).isEqualTo(line);
            assertThat(p.rule()).isEqualTo(rule);
            assertThat(p.reason()).contains(reason);
        });
    }

    @Test
    void anUnknownKeyIsNamedWithFileLineAndRule() throws IOException {
        List<PackProblem> problems = problems(MANIFEST, GOOD_RULE + "    wehn: 'true'\n");
        assertThat(problems).hasSize(1);
        assertProblem(problems, "rules/r.yaml", 8, "icp-missing", "unknown key 'wehn'");
        assertThat(problems.get(0).toString()).startsWith("rules/r.yaml:8 rule 'icp-missing': unknown key 'wehn'");
    }

    @Test
    void aConditionThatDoesNotTypeCheckIsRefused() throws IOException {
        List<PackProblem> problems = problems(MANIFEST, GOOD_RULE.replace("isBlank(ad.icp.number)", "isBlank(1)"));
        assertProblem(problems, "rules/r.yaml", 5, "icp-missing", "'when' does not compile");
        assertProblem(problems, "rules/r.yaml", 5, "icp-missing", "found no matching overload for 'isBlank'");
    }

    @Test
    void aConditionMustYieldABoolean() throws IOException {
        assertProblem(
                problems(MANIFEST, GOOD_RULE.replace("isBlank(ad.icp.number)", "\"'yes'\"")),
                "rules/r.yaml",
                5,
                "icp-missing",
                "must yield bool");
    }

    @Test
    void aSyntaxErrorInAConditionIsRefused() throws IOException {
        assertProblem(
                problems(MANIFEST, GOOD_RULE.replace("isBlank(ad.icp.number)", "isBlank(ad.icp.number")),
                "rules/r.yaml",
                5,
                "icp-missing",
                "does not compile");
    }

    @Test
    void aTopicOutsideTheVocabularyIsRefused() throws IOException {
        assertProblem(
                problems(MANIFEST, GOOD_RULE.replace("ICP_MISSING", "ICP_LOST")),
                "rules/r.yaml",
                3,
                "icp-missing",
                "'ICP_LOST' is not a topic");
    }

    @Test
    void anUnknownOutcomeIsRefused() throws IOException {
        assertProblem(
                problems(MANIFEST, GOOD_RULE.replace("REJECT", "BLOCK")),
                "rules/r.yaml",
                4,
                "icp-missing",
                "'BLOCK' is not a outcome");
    }

    @Test
    void aMissingCitationIsRefused() throws IOException {
        assertProblem(
                problems(MANIFEST, GOOD_RULE.replace("    citation: a law\n", "")),
                "rules/r.yaml",
                2,
                "icp-missing",
                "missing required key 'citation'");
    }

    @Test
    void aRuleWithoutAConditionOrAMatcherIsRefused() throws IOException {
        List<PackProblem> problems = problems(MANIFEST, GOOD_RULE.replace("    when: isBlank(ad.icp.number)\n", ""));
        assertThat(problems).hasSize(1);
        assertProblem(problems, "rules/r.yaml", 2, "icp-missing", "missing required key 'when'");
    }

    @Test
    void aMalformedRuleIdIsRefused() throws IOException {
        for (String id : List.of("ICP-missing", "icp_missing", "icp--missing", "-icp", "icp missing")) {
            List<PackProblem> problems = problems(MANIFEST, GOOD_RULE.replace("icp-missing", id));
            assertThat(problems).as(id).hasSize(1);
            assertThat(problems.get(0).toString())
                    .as(id)
                    .startsWith("rules/r.yaml:2")
                    .contains("id must be lower-case words joined by '-'");
        }
    }

    @Test
    void duplicateRuleIdsAreRefused() throws IOException {
        assertProblem(problems(MANIFEST, GOOD_RULE + GOOD_RULE), "rules/r.yaml", 8, "icp-missing", "duplicate rule id");
    }

    @Test
    void anUnknownCategoryOrGroupIsRefused() throws IOException {
        assertProblem(
                problems(MANIFEST, GOOD_RULE + "    appliesTo: [financial, CASINO]\n"),
                "rules/r.yaml",
                8,
                "icp-missing",
                "'CASINO' is neither a category nor a category group");
        assertProblem(
                problems(MANIFEST.replace("P2P_LENDING: {", "CASINO: {"), GOOD_RULE),
                "pack.yaml",
                6,
                null,
                "unknown category 'CASINO'");
    }

    @Test
    void anUnknownEvidenceFieldIsRefused() throws IOException {
        assertProblem(
                problems(MANIFEST, GOOD_RULE + "    evidence: [icp.nmber]\n"),
                "rules/r.yaml",
                8,
                "icp-missing",
                "unknown evidence field 'icp.nmber'");
    }

    @Test
    void aParameterTheCategoryDoesNotDefineIsCaughtAtLoad() throws IOException {
        String rule = GOOD_RULE.replace(
                        "isBlank(ad.icp.number)",
                        "fullMonthsBetween(ad.advertiser.operatingSince, today) < params.minOperatingMonths")
                + "    appliesTo: [financial]\n";
        List<PackProblem> problems = problems(MANIFEST, rule);
        assertProblem(problems, "rules/r.yaml", 2, "icp-missing", "fails to evaluate for CONSUMER_CREDIT");
    }

    @Test
    void invalidYamlIsNamedWithItsLine() throws IOException {
        assertProblem(problems(MANIFEST, GOOD_RULE + "  - id: [unclosed\n"), "rules/r.yaml", 9, null, "not valid YAML");
    }

    private static final String SURGES =
            """
      surges:
        recentDays: 7
        baselineDays: 60
        minBaselinePerDay: 0.05
        maxTailProbability: 0.002
        entityMinRecent: 8
        risingMinRecent: 3
        risingMaxTailProbability: 0.04
        categoryMinEntitiesRising: 6
        trendDays: 21
      """;

    @Test
    void surgeThresholdsAreReadFromThePack() throws Exception {
        PolicyPack pack = new PolicyPackLoader().load(pack(MANIFEST + SURGES, GOOD_RULE));
        assertThat(pack.surges()).isEqualTo(new com.adreview.engine.SurgePolicy(7, 60, 0.05, 0.002, 8, 3, 0.04, 6, 21));
        assertThat(new PolicyPackLoader().load(pack(MANIFEST, GOOD_RULE)).surges())
                .as("a pack without surges: the shipped defaults")
                .isEqualTo(com.adreview.engine.SurgePolicy.defaults());
        assertThat(new PolicyPackLoader().load(Path.of("policies")).surges().categoryMinEntitiesRising())
                .isEqualTo(5);
    }

    @Test
    void badSurgeThresholdsAreRefusedWithTheirLines() throws IOException {
        List<PackProblem> problems = problems(
                MANIFEST
                        + SURGES.replace("recentDays: 7", "recentDays: 0")
                                .replace("maxTailProbability: 0.002", "maxTailProbability: 5")
                                .replace("minBaselinePerDay: 0.05", "minBaselinePerDay: often")
                                .replace("trendDays: 21", "trendDayz: 21"),
                GOOD_RULE);
        assertProblem(problems, "pack.yaml", 8, null, "'recentDays' must be a whole number of at least 1");
        assertProblem(problems, "pack.yaml", 10, null, "'minBaselinePerDay' must be a daily rate above 0");
        assertProblem(problems, "pack.yaml", 11, null, "'maxTailProbability' must be a probability");
        assertProblem(problems, "pack.yaml", 16, null, "unknown key 'trendDayz'");
        assertProblem(problems, "pack.yaml", 8, null, "missing required key 'trendDays' in 'surges'");
        assertProblem(problems(MANIFEST + "surges: often\n", GOOD_RULE), "pack.yaml", 7, null, "must be a mapping");
    }

    @Test
    void manifestProblemsAreNamed() throws IOException {
        List<PackProblem> problems = problems("name: test\ntimeZone: Mars/Olympus\nowner: me\n", GOOD_RULE);
        assertProblem(problems, "pack.yaml", 2, null, "unknown time zone");
        assertProblem(problems, "pack.yaml", 3, null, "unknown key 'owner'");
    }

    @Test
    void everyProblemIsReportedAtOnce() throws IOException {
        String broken =
                GOOD_RULE.replace("ICP_MISSING", "NOPE").replace("    citation: a law\n", "") + "    extra: 1\n";
        assertThat(problems(MANIFEST, broken)).hasSize(3);
    }

    private static final String PHRASES =
            """
            lists:
              - id: no-risk
                family: no risk
                phrases: [无风险, risk free]
                exclusions: [无风险提示]
            rateKeywords:
              YEAR: [年化]
            """;

    private static final String CONTENT_RULE =
            """
              - id: no-risk-claim
                topic: GUARANTEED_RETURN
                outcome: REJECT
                phrases: [no-risk]
                message: no risk claimed
                citation: a law
            """;

    private Path packWithPhrases(String rules) throws IOException {
        Path p = pack(MANIFEST, rules);
        Files.createDirectories(p.resolve("phrases"));
        Files.writeString(p.resolve("phrases/p.yaml"), PHRASES);
        return p;
    }

    private List<PackProblem> contentProblems(String rules) throws IOException {
        Path p = packWithPhrases(rules);
        return catchThrowableOfType(PolicyPackException.class, () -> new PolicyPackLoader().load(p))
                .problems();
    }

    @Test
    void aContentRuleNeedsNoConditionAndItsListsAreCompiledIn() throws Exception {
        PolicyPack pack = new PolicyPackLoader().load(packWithPhrases(CONTENT_RULE));
        assertThat(pack.rules().get(0).matcher()).isInstanceOf(PhraseListMatcher.class);
        assertThat(pack.rules().get(0).matcher().fields())
                .containsExactly("creative.headline", "creative.body", "creative.callToAction");
        assertThat(pack.content().listIds()).containsExactly("no-risk");
        // Rate keywords in the phrase files give the pack a rate extractor; without them it has none.
        assertThat(pack.content().rates()).isNotNull();
        Files.writeString(dir.resolve("phrases/p.yaml"), PHRASES.substring(0, PHRASES.indexOf("rateKeywords:")));
        assertThat(new PolicyPackLoader().load(dir).content().rates()).isNull();
    }

    @Test
    void theRateWindowIsAWholeNumberFrom1To64() throws Exception {
        for (String bad : List.of("0", "65", "-1", "twelve")) {
            Path p = packWithPhrases(CONTENT_RULE);
            Files.writeString(p.resolve("phrases/p.yaml"), PHRASES + "  window: " + bad + "\n");
            assertProblem(
                    catchThrowableOfType(PolicyPackException.class, () -> new PolicyPackLoader().load(p))
                            .problems(),
                    "phrases/p.yaml",
                    8,
                    null,
                    "window must be a whole number from 1 to 64");
        }
        // 64 is allowed, and read: a number 60 characters after the keyword is still its number.
        Path p = packWithPhrases(CONTENT_RULE);
        Files.writeString(p.resolve("phrases/p.yaml"), PHRASES + "  window: 64\n");
        ContentDictionary content = new PolicyPackLoader().load(p).content();
        NormalizedText text = content.normalizer().normalize("年化" + "a".repeat(58) + "36%");
        assertThat(content.rates().extract(text, content.phrases().scan(text)))
                .singleElement()
                .satisfies(r -> assertThat(r.annual()).isEqualTo(0.36));
        // 1 is allowed too.
        Files.writeString(p.resolve("phrases/p.yaml"), PHRASES + "  window: 1\n");
        assertThat(new PolicyPackLoader().load(p).content().rates()).isNotNull();
    }

    @Test
    void aMisspelledKeyOfARuleFileOrAPhraseFileIsNamedAtItsLine() throws Exception {
        assertProblem(problems(MANIFEST, GOOD_RULE + "rulez: []\n"), "rules/r.yaml", 8, null, "unknown key 'rulez'");
        for (String misspelled : List.of("colour: red\n", "  WEEK: [周]\n")) {
            Path p = packWithPhrases(CONTENT_RULE);
            Files.writeString(p.resolve("phrases/p.yaml"), PHRASES + misspelled);
            assertProblem(
                    catchThrowableOfType(PolicyPackException.class, () -> new PolicyPackLoader().load(p))
                            .problems(),
                    "phrases/p.yaml",
                    8,
                    null,
                    "unknown key '"
                            + misspelled.strip().substring(0, misspelled.strip().indexOf(':')) + "'");
        }
    }

    @Test
    void anUnknownPhraseListIsRefused() throws IOException {
        assertProblem(
                contentProblems(CONTENT_RULE.replace("[no-risk]", "[no-risks]")),
                "rules/r.yaml",
                5,
                "no-risk-claim",
                "no phrase list 'no-risks'");
    }

    @Test
    void aRuleLooksForOneKindOfContent() throws IOException {
        assertProblem(
                contentProblems(CONTENT_RULE + "    obfuscation: true\n"),
                "rules/r.yaml",
                2,
                "no-risk-claim",
                "not phrases and obfuscation");
    }

    @Test
    void onlyTextFieldsCanBeScanned() throws IOException {
        assertProblem(
                contentProblems(CONTENT_RULE + "    fields: [advertiser.registeredCapital]\n"),
                "rules/r.yaml",
                8,
                "no-risk-claim",
                "'advertiser.registeredCapital' is not a text field");
    }

    @Test
    void aRateThresholdMustBeANumber() throws IOException {
        String rule = CONTENT_RULE.replace("phrases: [no-risk]", "rateAbove: \"'high'\"");
        assertProblem(contentProblems(rule), "rules/r.yaml", 5, "no-risk-claim", "must yield double");
    }

    @Test
    void phraseFileProblemsAreNamed() throws IOException {
        Path p = pack(MANIFEST, GOOD_RULE);
        Files.createDirectories(p.resolve("phrases"));
        Files.writeString(
                p.resolve("phrases/p.yaml"),
                "lists:\n  - id: a\n    family: f\n    phrases: [x]\n  - id: a\n    family: g\n    phrases: []\n    colour: red\n");
        List<PackProblem> problems = catchThrowableOfType(
                        PolicyPackException.class, () -> new PolicyPackLoader().load(p))
                .problems();
        assertProblem(problems, "phrases/p.yaml", 5, null, "duplicate list id 'a'");
        assertProblem(problems, "phrases/p.yaml", 7, null, "has no phrases");
        assertProblem(problems, "phrases/p.yaml", 8, null, "unknown key 'colour'");
    }

    @Test
    void theVersionIsAHashOfTheDecidingContentOnly() throws Exception {
        Path p = pack(MANIFEST, GOOD_RULE);
        String v1 = new PolicyPackLoader().load(p).version();
        Files.createDirectories(p.resolve("tests"));
        Files.writeString(p.resolve("tests/t.yaml"), "cases: []");
        Files.writeString(p.resolve("README.md"), "docs");
        assertThat(new PolicyPackLoader().load(p).version())
                .as("tests and docs do not decide")
                .isEqualTo(v1);

        Files.writeString(p.resolve("pack.yaml"), MANIFEST.replace("24", "36"));
        assertThat(new PolicyPackLoader().load(p).version()).isNotEqualTo(v1);
    }
}
