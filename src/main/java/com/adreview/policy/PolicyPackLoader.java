package com.adreview.policy;

import com.adreview.engine.AdField;
import com.adreview.engine.AdPackage;
import com.adreview.engine.Category;
import com.adreview.engine.CelEnvironment;
import com.adreview.engine.ContentDictionary;
import com.adreview.engine.ContentMatcher;
import com.adreview.engine.EvaluationContext;
import com.adreview.engine.LearnedModel;
import com.adreview.engine.Outcome;
import com.adreview.engine.PolicyInput;
import com.adreview.engine.PolicyPack;
import com.adreview.engine.PolicyRule;
import com.adreview.engine.PolicyVariables;
import com.adreview.engine.SurgePolicy;
import com.adreview.engine.Topic;
import dev.cel.common.types.CelType;
import dev.cel.common.types.SimpleType;
import dev.cel.runtime.CelEvaluationException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitOption;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Reads a policy pack from a directory, validates it strictly and compiles every condition once.
 * Every problem is reported with its file and line; a pack with any problem is refused whole.
 */
public final class PolicyPackLoader {

    static final String MANIFEST = "pack.yaml";
    static final String RULES_DIR = "rules";
    static final String TESTS_DIR = "tests";

    private static final Set<String> MANIFEST_KEYS =
            Set.of("name", "description", "timeZone", "categoryGroups", "defaults", "categories", "learned", "surges");
    private static final Set<String> RULE_FILE_KEYS = Set.of("description", "rules");
    private static final Set<String> RULE_KEYS = Stream.concat(
                    Stream.of(
                            "id",
                            "description",
                            "topic",
                            "outcome",
                            "appliesTo",
                            "when",
                            "message",
                            "messageExpression",
                            "citation",
                            "evidence",
                            "fields"),
                    ContentMatcher.kinds().stream()
                            .flatMap(k -> Stream.concat(Stream.of(k.key()), k.optionalKeys().stream())))
            .collect(Collectors.toUnmodifiableSet());

    private static final Pattern RULE_ID = Pattern.compile("[a-z0-9]+(-[a-z0-9]+)*");
    private static final String ALL = "all";

    private static final Instant SMOKE_NOW = Instant.parse("2026-01-01T00:00:00Z");

    private final boolean directEvaluation;
    private CelEnvironment cel;

    public PolicyPackLoader() {
        this(true);
    }

    /**
     * @param directEvaluation false to evaluate every expression with CEL's interpreter alone, so
     *     that tests can compare the direct evaluation with it
     */
    public PolicyPackLoader(boolean directEvaluation) {
        this.directEvaluation = directEvaluation;
    }

    /** Loads the pack in {@code directory}, or throws with every problem found. */
    public PolicyPack load(Path directory) throws PolicyPackException {
        List<PackProblem> problems = new ArrayList<>();
        Map<String, String> sources = readSources(directory, problems);
        if (!problems.isEmpty()) {
            throw new PolicyPackException(problems);
        }
        String manifestText = sources.get(MANIFEST);
        if (manifestText == null) {
            throw new PolicyPackException(
                    List.of(new PackProblem(MANIFEST, 0, null, "missing: every pack needs a " + MANIFEST)));
        }
        Manifest manifest = readManifest(manifestText, problems);
        Set<String> parameterNames = new TreeSet<>();
        manifest.parameters.values().forEach(p -> parameterNames.addAll(p.keySet()));
        cel = new CelEnvironment(parameterNames, directEvaluation);
        PhraseFileReader phrases = new PhraseFileReader();
        sources.forEach((file, text) -> {
            if (file.startsWith(PhraseFileReader.DIR + "/")) {
                phrases.read(file, text, problems);
            } else if (file.startsWith(PhraseFileReader.CONCEPTS_DIR + "/")) {
                phrases.readConcepts(file, text, problems);
            }
        });
        ContentDictionary content = ContentDictionary.empty();
        if (problems.isEmpty()) {
            try {
                content = new ContentDictionary(
                        phrases.lists, phrases.concepts, phrases.rateKeywords, phrases.rateWindow);
            } catch (IllegalArgumentException e) {
                problems.add(new PackProblem(PhraseFileReader.DIR, 0, null, e.getMessage()));
            }
        }
        List<PolicyRule> rules = new ArrayList<>();
        Set<String> ids = new HashSet<>();
        ContentDictionary dictionary = content;
        sources.forEach((file, text) -> {
            if (file.startsWith(RULES_DIR + "/")) {
                readRules(file, text, manifest, dictionary, ids, rules, problems);
            }
        });
        if (rules.isEmpty() && problems.isEmpty()) {
            problems.add(new PackProblem(RULES_DIR, 0, null, "the pack has no rules"));
        }
        LearnedModel learned = null;
        if (manifest.learned != null) {
            learned = LearnedModelReader.read(manifest.learned, sources, problems);
        }
        String usedModel = manifest.learned == null ? null : manifest.learned.model();
        sources.keySet().stream()
                .filter(f -> f.startsWith(LearnedModelReader.DIRECTORY + "/") && !f.equals(usedModel))
                .forEach(f -> problems.add(new PackProblem(
                        f, 0, null, "a model file that pack.yaml's 'learned' does not name; remove it or name it")));
        if (problems.isEmpty()) {
            smokeTest(rules, manifest, problems);
        }
        if (!problems.isEmpty()) {
            throw new PolicyPackException(problems);
        }
        return new PolicyPack(
                version(sources),
                manifest.name,
                manifest.timeZone,
                rules,
                manifest.parameters,
                content,
                learned,
                sources,
                manifest.surges);
    }

    /** The content hash over file paths and bytes, independent of file-system order. */
    static String version(Map<String, String> sources) {
        try {
            MessageDigest sha = MessageDigest.getInstance("SHA-256");
            new TreeMap<>(sources).forEach((path, text) -> {
                byte[] p = path.getBytes(StandardCharsets.UTF_8);
                byte[] t = text.getBytes(StandardCharsets.UTF_8);
                sha.update(lengthPrefix(p.length));
                sha.update(p);
                sha.update(lengthPrefix(t.length));
                sha.update(t);
            });
            return "sha256:" + HexFormat.of().formatHex(sha.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    private static byte[] lengthPrefix(int n) {
        return new byte[] {(byte) (n >>> 24), (byte) (n >>> 16), (byte) (n >>> 8), (byte) n};
    }

    /**
     * Every YAML file that can change a decision: the manifest and everything outside tests/. Hidden
     * files and directories are not part of the pack, and symbolic links are followed: a Kubernetes
     * ConfigMap volume holds each file as a link into a hidden, timestamped directory ({@code ..data}),
     * which must be read once, under the link's name.
     */
    private static Map<String, String> readSources(Path directory, List<PackProblem> problems) {
        Map<String, String> sources = new TreeMap<>();
        if (!Files.isDirectory(directory)) {
            problems.add(new PackProblem(directory.toString(), 0, null, "policy directory not found"));
            return sources;
        }
        try (Stream<Path> files = Files.walk(directory, FileVisitOption.FOLLOW_LINKS)) {
            files.filter(f -> !hidden(directory.relativize(f)))
                    .filter(Files::isRegularFile)
                    .forEach(f -> {
                        String rel = directory.relativize(f).toString().replace('\\', '/');
                        boolean yaml = rel.endsWith(".yaml") || rel.endsWith(".yml");
                        if (yaml && !rel.startsWith(TESTS_DIR + "/")) {
                            try {
                                sources.put(rel, Files.readString(f, StandardCharsets.UTF_8));
                            } catch (IOException e) {
                                problems.add(new PackProblem(rel, 0, null, "cannot be read: " + e.getMessage()));
                            }
                        }
                    });
        } catch (IOException | UncheckedIOException e) {
            problems.add(new PackProblem(directory.toString(), 0, null, "cannot be listed: " + e.getMessage()));
        }
        return sources;
    }

    private static boolean hidden(Path relative) {
        for (Path part : relative) {
            if (part.toString().startsWith(".")) {
                return true;
            }
        }
        return false;
    }

    private record Manifest(
            String name,
            ZoneId timeZone,
            Map<String, Set<Category>> groups,
            Map<Category, Map<String, Object>> parameters,
            LearnedModelReader.Section learned,
            SurgePolicy surges) {}

    private Manifest readManifest(String text, List<PackProblem> problems) {
        Optional<YamlMap> parsed = YamlMap.parse(MANIFEST, text, problems);
        if (parsed.isEmpty()) {
            return new Manifest("", ZoneId.of("UTC"), Map.of(), Map.of(), null, null);
        }
        YamlMap m = parsed.get();
        m.allowOnly(MANIFEST_KEYS);
        String name = m.requiredString("name").orElse("");
        ZoneId zone = ZoneId.of("UTC");
        Optional<String> zoneName = m.requiredString("timeZone");
        if (zoneName.isPresent()) {
            try {
                zone = ZoneId.of(zoneName.get());
            } catch (DateTimeException e) {
                m.problem(m.lineOf("timeZone"), "unknown time zone '" + zoneName.get() + "'");
            }
        }
        Map<String, Set<Category>> groups = new LinkedHashMap<>();
        groups.put(ALL, EnumSet.allOf(Category.class));
        m.map("categoryGroups").ifPresent(g -> {
            for (String group : g.keys()) {
                if (group.equals(ALL) || isCategory(group)) {
                    g.problem(g.lineOf(group), "group name '" + group + "' clashes with a category or 'all'");
                    continue;
                }
                groups.put(group, categories(g, group, g.stringList(group), Map.of()));
            }
        });
        Map<String, Object> defaults = new HashMap<>();
        m.map("defaults").ifPresent(d -> d.keys().forEach(k -> defaults.put(k, d.data(k))));
        Map<Category, Map<String, Object>> parameters = new EnumMap<>(Category.class);
        for (Category c : Category.values()) {
            Map<String, Object> p = new HashMap<>(defaults);
            p.put("category", c.name());
            parameters.put(c, p);
        }
        m.map("categories").ifPresent(cats -> {
            for (String key : cats.keys()) {
                if (!isCategory(key)) {
                    cats.problem(
                            cats.lineOf(key),
                            "unknown category '" + key + "' (known: " + Arrays.toString(Category.values()) + ")");
                    continue;
                }
                cats.map(key).ifPresent(own -> own.keys()
                        .forEach(k -> parameters.get(Category.valueOf(key)).put(k, own.data(k))));
            }
        });
        parameters.replaceAll((c, p) -> Map.copyOf(p));
        LearnedModelReader.Section learned =
                m.map("learned").map(LearnedModelReader::section).orElse(null);
        SurgePolicy surges = m.map("surges").map(SurgeSectionReader::read).orElse(null);
        if (m.has("surges") && surges == null) {
            surges = SurgePolicy.defaults(); // reported; the pack is refused
        }
        return new Manifest(name, zone, groups, parameters, learned, surges);
    }

    private void readRules(
            String file,
            String text,
            Manifest manifest,
            ContentDictionary content,
            Set<String> ids,
            List<PolicyRule> rules,
            List<PackProblem> problems) {
        Optional<YamlMap> parsed = YamlMap.parse(file, text, problems);
        if (parsed.isEmpty()) {
            return;
        }
        YamlMap root = parsed.get();
        root.allowOnly(RULE_FILE_KEYS);
        if (!root.has("rules")) {
            root.problem(root.line(), "missing required key 'rules'");
        }
        for (YamlMap r : root.mapList("rules")) {
            String id = r.requiredString("id").orElse(null);
            r.forRule(id);
            r.allowOnly(RULE_KEYS);
            if (id != null && !RULE_ID.matcher(id).matches()) {
                r.problem(r.lineOf("id"), "id must be lower-case words joined by '-'");
            }
            if (LearnedModelReader.RULE_ID.equals(id)) {
                r.problem(r.lineOf("id"), "'" + id + "' is the learned second opinion's id, not a rule's");
            }
            if (id != null && !ids.add(id)) {
                r.problem(r.lineOf("id"), "duplicate rule id");
            }
            Topic topic = r.requiredString("topic")
                    .map(t -> enumValue(r, "topic", t, Topic.class))
                    .orElse(null);
            Outcome outcome = r.requiredString("outcome")
                    .map(o -> enumValue(r, "outcome", o, Outcome.class))
                    .orElse(null);
            Set<Category> appliesTo = r.has("appliesTo")
                    ? categories(r, "appliesTo", r.stringList("appliesTo"), manifest.groups)
                    : EnumSet.allOf(Category.class);
            String message = r.requiredString("message").orElse(null);
            String citation = r.requiredString("citation").orElse(null);
            ContentMatcher matcher = matcher(r, content);
            String when = matcher == null
                    ? r.requiredString("when").orElse(null)
                    : r.optionalString("when").orElse(null);
            CelEnvironment.Expression condition = when == null ? null : compile(r, "when", when, SimpleType.BOOL);
            CelEnvironment.Expression messageExpression = r.optionalString("messageExpression")
                    .map(e -> compile(r, "messageExpression", e, SimpleType.STRING))
                    .orElse(null);
            List<String> evidence = r.stringList("evidence");
            for (String field : evidence) {
                if (!AdField.paths().contains(field)) {
                    r.problem(r.lineOf("evidence"), "unknown evidence field '" + field + "'");
                }
            }
            if (id != null
                    && topic != null
                    && outcome != null
                    && message != null
                    && citation != null
                    && (condition != null || (matcher != null && when == null))) {
                rules.add(new PolicyRule(
                        id,
                        topic,
                        outcome,
                        appliesTo,
                        when,
                        condition,
                        matcher,
                        message,
                        messageExpression,
                        citation,
                        evidence,
                        file + ":" + r.line()));
            }
        }
    }

    /** The rule's content matcher: at most one of the kinds of {@link ContentMatcher#kinds()}. */
    private ContentMatcher matcher(YamlMap r, ContentDictionary content) {
        List<ContentMatcher.Kind> kinds =
                ContentMatcher.kinds().stream().filter(k -> r.has(k.key())).toList();
        if (kinds.isEmpty()) {
            if (r.has("fields")) {
                r.problem(r.lineOf("fields"), "'fields' needs one of " + oneOf(ContentMatcher.kinds()));
            }
            for (ContentMatcher.Kind kind : ContentMatcher.kinds()) {
                for (String key : kind.optionalKeys()) {
                    if (r.has(key)) {
                        r.problem(r.lineOf(key), "'" + key + "' needs '" + kind.key() + "'");
                    }
                }
            }
            return null;
        }
        if (kinds.size() > 1) {
            r.problem(
                    r.line(),
                    "a rule looks for one kind of content, not "
                            + kinds.stream().map(ContentMatcher.Kind::key).collect(Collectors.joining(" and ")));
            return null;
        }
        Set<String> reported = new HashSet<>();
        for (ContentMatcher.Kind other : ContentMatcher.kinds()) {
            for (String key : other.optionalKeys()) {
                if (r.has(key) && !kinds.get(0).optionalKeys().contains(key) && !reported.contains(key)) {
                    reported.add(key);
                    r.problem(
                            r.lineOf(key),
                            "'" + key + "' does not go with '" + kinds.get(0).key() + "'");
                }
            }
        }
        List<String> fields = r.has("fields") ? r.stringList("fields") : AdField.scannedByDefault();
        for (String f : fields) {
            if (!AdField.scannable().contains(f)) {
                r.problem(
                        r.lineOf("fields"),
                        "'" + f + "' is not a text field a rule can scan " + new TreeSet<>(AdField.scannable()));
            }
        }
        return kinds.get(0).read(new MatcherSource(r, content), fields);
    }

    /** "a, b or c" */
    private static String oneOf(List<ContentMatcher.Kind> kinds) {
        List<String> keys = kinds.stream().map(ContentMatcher.Kind::key).toList();
        return keys.size() == 1
                ? keys.get(0)
                : String.join(", ", keys.subList(0, keys.size() - 1)) + " or " + keys.get(keys.size() - 1);
    }

    /** A rule's YAML as a matcher kind reads it. */
    private final class MatcherSource implements ContentMatcher.RuleSource {
        private final YamlMap rule;
        private final ContentDictionary content;

        MatcherSource(YamlMap rule, ContentDictionary content) {
            this.rule = rule;
            this.content = content;
        }

        @Override
        public List<String> strings(String key) {
            return rule.stringList(key);
        }

        @Override
        public Optional<String> requiredString(String key) {
            return rule.requiredString(key);
        }

        @Override
        public Optional<String> optionalString(String key) {
            return rule.optionalString(key);
        }

        @Override
        public void problem(String key, String message) {
            rule.problem(rule.lineOf(key), message);
        }

        @Override
        public CelEnvironment.Expression compile(String key, String expression, CelType resultType) {
            return PolicyPackLoader.this.compile(rule, key, expression, resultType);
        }

        @Override
        public ContentDictionary content() {
            return content;
        }
    }

    private CelEnvironment.Expression compile(YamlMap r, String key, String expression, CelType type) {
        try {
            return cel.compile(expression, type);
        } catch (CelEnvironment.InvalidExpression e) {
            r.problem(
                    r.lineOf(key),
                    "'" + key + "' does not compile: " + e.getMessage().strip());
            return null;
        }
    }

    /**
     * Runs every rule once, for every category it applies to, on a package with every field given.
     * This catches a condition that reads a parameter the category does not define, before any real
     * package meets it.
     */
    private static void smokeTest(List<PolicyRule> rules, Manifest manifest, List<PackProblem> problems) {
        Map<String, Object> document = PolicyInput.document(completePackage());
        for (PolicyRule rule : rules) {
            for (Category c : rule.appliesTo()) {
                PolicyVariables variables = new PolicyVariables(
                        document, manifest.parameters.get(c), "2026-01-01", new EvaluationContext(SMOKE_NOW), false);
                try {
                    rule.holds(variables);
                    if (rule.matcher() != null) {
                        rule.matcher().evaluate(variables);
                    }
                } catch (CelEvaluationException | IllegalStateException e) {
                    String[] at = rule.source().split(":");
                    problems.add(new PackProblem(
                            at[0],
                            Integer.parseInt(at[1]),
                            rule.id(),
                            "fails to evaluate for " + c + ": " + e.getMessage()));
                    break;
                }
            }
        }
    }

    private static AdPackage completePackage() {
        AdPackage.Money money = new AdPackage.Money(BigDecimal.ONE, "CNY");
        return new AdPackage(
                "smoke",
                Category.OTHER,
                new AdPackage.Advertiser(
                        "a", "n", "91110108558521630L", money, money, LocalDate.of(2020, 1, 1), "addr"),
                new AdPackage.Icp("京ICP证160221号", "n", List.of("example.cn")),
                new AdPackage.Product("p", "example.cn", "app", BigDecimal.ONE),
                new AdPackage.Creative("h", "b", "c", "https://example.cn/"),
                "r",
                List.of("FEED"));
    }

    private static Set<Category> categories(
            YamlMap owner, String key, List<String> names, Map<String, Set<Category>> groups) {
        Set<Category> out = EnumSet.noneOf(Category.class);
        for (String n : names) {
            if (groups.containsKey(n)) {
                out.addAll(groups.get(n));
            } else if (isCategory(n)) {
                out.add(Category.valueOf(n));
            } else {
                owner.problem(owner.lineOf(key), "'" + n + "' is neither a category nor a category group");
            }
        }
        if (names.isEmpty()) {
            owner.problem(owner.lineOf(key), "'" + key + "' names no category");
        }
        return out;
    }

    private static boolean isCategory(String s) {
        return Arrays.stream(Category.values()).anyMatch(c -> c.name().equals(s));
    }

    private static <E extends Enum<E>> E enumValue(YamlMap r, String key, String value, Class<E> type) {
        try {
            return Enum.valueOf(type, value);
        } catch (IllegalArgumentException e) {
            r.problem(
                    r.lineOf(key),
                    "'" + value + "' is not a " + key + " (known: " + Arrays.toString(type.getEnumConstants()) + ")");
            return null;
        }
    }
}
