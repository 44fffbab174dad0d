package com.adreview.policy;

import com.adreview.engine.AdPackage;
import com.adreview.engine.Category;
import com.adreview.engine.ComplaintRecord;
import com.adreview.engine.Decision;
import com.adreview.engine.DecisionEngine;
import com.adreview.engine.EvaluationContext;
import com.adreview.engine.Finding;
import com.adreview.engine.IdentifierKind;
import com.adreview.engine.IdentityConflict;
import com.adreview.engine.PolicyPack;
import com.adreview.engine.SubmissionStatus;
import com.adreview.engine.Topic;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Runs the policy tests of a pack ({@code tests/*.yaml}): each case is a package (a file of {@code
 * tests/packages/} with fields set or removed), a moment, and the status and exact set of topics
 * the pack must decide. In the spirit of {@code opa test}: the build runs them, and so can an
 * operator before deploying a changed pack.
 */
public final class PolicyTestRunner {

    static final String PACKAGES_DIR = "packages";
    private static final Set<String> FILE_KEYS = Set.of("description", "now", "cases");
    private static final Set<String> CASE_KEYS = Set.of(
            "name",
            "package",
            "set",
            "unset",
            "now",
            "complaints",
            "verdictDaysAgo",
            "heldByAnotherAccount",
            "suspended",
            "expect");
    private static final Set<String> COMPLAINT_KEYS =
            Set.of("daysAgo", "recordedDaysAgo", "source", "amount", "currency", "count", "reporter");
    private static final Set<String> EXPECT_KEYS = Set.of("status", "topics", "rules");

    private final ObjectMapper yaml = new YAMLMapper()
            .registerModule(new JavaTimeModule())
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
    private final DecisionEngine engine = new DecisionEngine();

    /** One test case, ready to run. */
    public record Case(
            String file,
            String name,
            AdPackage ad,
            Instant now,
            ComplaintRecord complaints,
            Set<Category> suspended,
            List<IdentityConflict> conflicts,
            Instant verdictAt,
            SubmissionStatus status,
            Set<Topic> topics,
            Set<String> rules) {

        @Override
        public String toString() {
            return file + ": " + name;
        }
    }

    /** What running a case gave; {@code failure} is null when it passed. */
    public record Result(Case testCase, Decision decision, String failure) {
        public boolean passed() {
            return failure == null;
        }
    }

    /** Reads every case under {@code packDirectory/tests}; a malformed test file refuses them all. */
    public List<Case> load(Path packDirectory) throws PolicyPackException {
        Path tests = packDirectory.resolve(PolicyPackLoader.TESTS_DIR);
        List<PackProblem> problems = new ArrayList<>();
        List<Case> cases = new ArrayList<>();
        List<Path> files;
        try (Stream<Path> list = Files.list(tests)) {
            files = list.filter(p -> p.toString().endsWith(".yaml")).sorted().toList();
        } catch (IOException e) {
            throw new PolicyPackException(
                    List.of(new PackProblem(PolicyPackLoader.TESTS_DIR, 0, null, "cannot be listed: " + e)));
        }
        for (Path file : files) {
            String rel = PolicyPackLoader.TESTS_DIR + "/" + file.getFileName();
            try {
                readFile(tests, rel, yaml.readTree(file.toFile()), cases, problems);
            } catch (IOException e) {
                problems.add(new PackProblem(rel, 0, null, "not valid YAML: " + e.getMessage()));
            }
        }
        if (!problems.isEmpty()) {
            throw new PolicyPackException(problems);
        }
        return cases;
    }

    public Result run(Case c, PolicyPack pack) {
        Decision decision = engine.evaluate(
                c.ad(),
                new EvaluationContext(c.now(), c.complaints(), c.suspended(), c.conflicts(), c.verdictAt()),
                pack);
        List<String> failures = new ArrayList<>();
        if (c.status() != null && decision.status() != c.status()) {
            failures.add("status " + decision.status() + ", expected " + c.status());
        }
        Set<Topic> topics =
                decision.findings().stream().map(Finding::topic).collect(Collectors.toCollection(TreeSet::new));
        if (c.topics() != null && !topics.equals(c.topics())) {
            failures.add("topics " + topics + ", expected " + new TreeSet<>(c.topics()));
        }
        Set<String> rules =
                decision.findings().stream().map(Finding::ruleId).collect(Collectors.toCollection(TreeSet::new));
        if (c.rules() != null && !rules.containsAll(c.rules())) {
            failures.add("rules " + rules + " lack " + c.rules());
        }
        String failure =
                failures.isEmpty() ? null : String.join("; ", failures) + " (findings: " + describe(decision) + ")";
        return new Result(c, decision, failure);
    }

    private void readFile(Path tests, String file, JsonNode root, List<Case> cases, List<PackProblem> problems) {
        if (root == null || !root.isObject()) {
            problems.add(new PackProblem(file, 0, null, "expected a mapping with 'cases'"));
            return;
        }
        unknownKeys(root, FILE_KEYS, file, null, problems);
        Instant fileNow = instant(root.get("now"), file, null, problems);
        JsonNode list = root.get("cases");
        if (list == null || !list.isArray() || list.isEmpty()) {
            problems.add(new PackProblem(file, 0, null, "'cases' must be a non-empty list"));
            return;
        }
        for (JsonNode node : list) {
            String name = node.path("name").asText("");
            if (name.isBlank()) {
                problems.add(new PackProblem(file, 0, null, "every case needs a 'name'"));
                continue;
            }
            unknownKeys(node, CASE_KEYS, file, name, problems);
            Instant now = node.has("now") ? instant(node.get("now"), file, name, problems) : fileNow;
            if (now == null) {
                problems.add(new PackProblem(file, 0, name, "no 'now' for the case or its file"));
                continue;
            }
            AdPackage ad = adPackage(tests, file, name, node, problems);
            JsonNode expect = node.get("expect");
            if (expect == null || !expect.isObject()) {
                problems.add(new PackProblem(file, 0, name, "missing 'expect'"));
                continue;
            }
            unknownKeys(expect, EXPECT_KEYS, file, name, problems);
            try {
                SubmissionStatus status = expect.has("status")
                        ? SubmissionStatus.valueOf(expect.get("status").asText())
                        : null;
                Set<Topic> topics = null;
                if (expect.has("topics")) {
                    topics = new TreeSet<>();
                    for (JsonNode t : expect.get("topics")) {
                        topics.add(Topic.valueOf(t.asText()));
                    }
                }
                Set<String> rules = null;
                if (expect.has("rules")) {
                    rules = new TreeSet<>();
                    for (JsonNode r : expect.get("rules")) {
                        rules.add(r.asText());
                    }
                }
                ComplaintRecord complaints = complaints(node.path("complaints"), now, file, name, problems);
                Set<Category> suspended = EnumSet.noneOf(Category.class);
                for (JsonNode category : node.path("suspended")) {
                    suspended.add(Category.valueOf(category.asText()));
                }
                Instant verdictAt = node.has("verdictDaysAgo")
                        ? daysBefore(now, node.get("verdictDaysAgo").asDouble())
                        : null;
                if (ad != null) {
                    cases.add(new Case(
                            file,
                            name,
                            ad,
                            now,
                            complaints,
                            suspended,
                            conflicts(ad, node.path("heldByAnotherAccount")),
                            verdictAt,
                            status,
                            topics,
                            rules));
                }
            } catch (IllegalArgumentException e) {
                problems.add(new PackProblem(file, 0, name, "bad expectation: " + e.getMessage()));
            }
        }
    }

    private AdPackage adPackage(Path tests, String file, String name, JsonNode node, List<PackProblem> problems) {
        String base = node.path("package").asText("");
        Path packageFile = tests.resolve(PACKAGES_DIR).resolve(base + ".yaml");
        if (base.isBlank() || !Files.isRegularFile(packageFile)) {
            problems.add(
                    new PackProblem(file, 0, name, "'package' must name a file of tests/packages/ (without .yaml)"));
            return null;
        }
        try {
            ObjectNode tree = (ObjectNode) yaml.readTree(packageFile.toFile());
            JsonNode set = node.get("set");
            if (set != null) {
                for (Iterator<String> it = set.fieldNames(); it.hasNext(); ) {
                    String path = it.next();
                    parentOf(tree, path, true).set(leaf(path), set.get(path));
                }
            }
            for (JsonNode path : node.path("unset")) {
                ObjectNode parent = parentOf(tree, path.asText(), false);
                if (parent != null) {
                    parent.remove(leaf(path.asText()));
                }
            }
            AdPackage ad = yaml.treeToValue(tree, AdPackage.class);
            if (ad.adId() == null || ad.category() == null || ad.advertiser() == null) {
                problems.add(new PackProblem(file, 0, name, "the package needs adId, category and advertiser"));
                return null;
            }
            return ad;
        } catch (IOException | IllegalArgumentException e) {
            problems.add(new PackProblem(file, 0, name, "package is not an ad package: " + e.getMessage()));
            return null;
        }
    }

    /**
     * The case's complaint record: entries of {@code {daysAgo, recordedDaysAgo, source, amount, currency,
     * reporter, count}}, where {@code count} repeats an entry (20 complaints need not be written out 20
     * times). A repeated USER entry without a {@code reporter} gets a reporter of its own for each
     * repetition (20 people complaining); with one, it is the same person complaining 20 times.
     */
    private static ComplaintRecord complaints(
            JsonNode list, Instant now, String file, String name, List<PackProblem> problems) {
        List<ComplaintRecord.Entry> entries = new ArrayList<>();
        for (JsonNode c : list) {
            unknownKeys(c, COMPLAINT_KEYS, file, name, problems);
            Instant at = daysBefore(now, c.path("daysAgo").asDouble(0));
            Instant recorded = c.has("recordedDaysAgo")
                    ? daysBefore(now, c.get("recordedDaysAgo").asDouble())
                    : at;
            BigDecimal amount = c.has("amount") ? c.get("amount").decimalValue() : null;
            String source = c.path("source").asText("USER");
            for (int i = 0; i < c.path("count").asInt(1); i++) {
                String id = "test-" + entries.size();
                String reporter = c.has("reporter") ? c.get("reporter").asText() : "reporter-" + id;
                entries.add(new ComplaintRecord.Entry(
                        id, at, source, amount, c.path("currency").asText("CNY"), reporter, recorded));
            }
        }
        return new ComplaintRecord(entries);
    }

    /**
     * The conflicts of a case: the package's identifiers at the given paths ({@code advertiser.creditCode},
     * {@code product.domain}, {@code icp.domains}, {@code product.appId}) held by another account.
     */
    private static List<IdentityConflict> conflicts(AdPackage ad, JsonNode paths) {
        List<IdentityConflict> out = new ArrayList<>();
        for (JsonNode path : paths) {
            String p = path.asText();
            switch (p) {
                case "advertiser.creditCode" -> out.add(new IdentityConflict(
                        IdentifierKind.CREDIT_CODE, ad.advertiser().creditCode(), "acct-holder"));
                case "product.domain" -> out.add(
                        new IdentityConflict(IdentifierKind.DOMAIN, ad.product().domain(), "acct-holder"));
                case "icp.domains" -> ad.icp()
                        .domains()
                        .forEach(d -> out.add(new IdentityConflict(IdentifierKind.DOMAIN, d, "acct-holder")));
                case "product.appId" -> out.add(
                        new IdentityConflict(IdentifierKind.APP_ID, ad.product().appId(), "acct-holder"));
                default -> throw new IllegalArgumentException("heldByAnotherAccount: " + p
                        + " is not an identifier field (advertiser.creditCode, product.domain, icp.domains,"
                        + " product.appId)");
            }
        }
        return out;
    }

    private static Instant daysBefore(Instant now, double days) {
        return now.minusSeconds(Math.round(days * 86_400));
    }

    private static ObjectNode parentOf(ObjectNode root, String path, boolean create) {
        String[] parts = path.split("\\.");
        ObjectNode node = root;
        for (int i = 0; i < parts.length - 1; i++) {
            JsonNode child = node.get(parts[i]);
            if (child instanceof ObjectNode o) {
                node = o;
            } else if (create) {
                node = node.putObject(parts[i]);
            } else {
                return null;
            }
        }
        return node;
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('.') + 1);
    }

    private static Instant instant(JsonNode value, String file, String name, List<PackProblem> problems) {
        if (value == null) {
            return null;
        }
        try {
            return OffsetDateTime.parse(value.asText()).toInstant();
        } catch (DateTimeParseException e) {
            problems.add(
                    new PackProblem(file, 0, name, "'now' must be an ISO date-time with offset: " + value.asText()));
            return null;
        }
    }

    private static void unknownKeys(
            JsonNode node, Set<String> allowed, String file, String name, List<PackProblem> problems) {
        node.fieldNames().forEachRemaining(k -> {
            if (!allowed.contains(k)) {
                problems.add(new PackProblem(
                        file, 0, name, "unknown key '" + k + "' (allowed: " + new TreeSet<>(allowed) + ")"));
            }
        });
    }

    private static String describe(Decision d) {
        return d.findings().stream().map(f -> f.ruleId() + "=" + f.outcome()).collect(Collectors.joining(", "));
    }
}
