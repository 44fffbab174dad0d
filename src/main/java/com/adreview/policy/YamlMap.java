package com.adreview.policy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;
import org.yaml.snakeyaml.nodes.MappingNode;
import org.yaml.snakeyaml.nodes.Node;
import org.yaml.snakeyaml.nodes.NodeTuple;
import org.yaml.snakeyaml.nodes.ScalarNode;
import org.yaml.snakeyaml.nodes.SequenceNode;

/**
 * A YAML mapping read strictly, with line numbers, so that every problem in a pack file can be
 * reported as {@code file:line: reason}. Problems are collected, not thrown, so one load reports
 * all of them.
 */
final class YamlMap {

    private final String file;
    private final MappingNode node;
    private final Map<String, NodeTuple> entries = new LinkedHashMap<>();
    private final List<PackProblem> problems;
    private String rule;

    private YamlMap(String file, MappingNode node, List<PackProblem> problems) {
        this.file = file;
        this.node = node;
        this.problems = problems;
        for (NodeTuple t : node.getValue()) {
            if (t.getKeyNode() instanceof ScalarNode key) {
                if (entries.putIfAbsent(key.getValue(), t) != null) {
                    problem(line(key), "duplicate key '" + key.getValue() + "'");
                }
            } else {
                problem(line(t.getKeyNode()), "keys must be plain strings");
            }
        }
    }

    /** Parses a whole file, which must be a mapping; empty if it is not (the problem is recorded). */
    static Optional<YamlMap> parse(String file, String text, List<PackProblem> problems) {
        Node root;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setAllowDuplicateKeys(false);
            options.setMaxAliasesForCollections(10);
            root = new Yaml(options).compose(new java.io.StringReader(text));
        } catch (MarkedYAMLException e) {
            problems.add(
                    new PackProblem(file, e.getProblemMark().getLine() + 1, null, "not valid YAML: " + e.getProblem()));
            return Optional.empty();
        } catch (YAMLException e) {
            problems.add(new PackProblem(file, 0, null, "not valid YAML: " + e.getMessage()));
            return Optional.empty();
        }
        if (!(root instanceof MappingNode mapping)) {
            problems.add(new PackProblem(
                    file, root == null ? 0 : line(root), null, "expected a mapping at the top of the file"));
            return Optional.empty();
        }
        return Optional.of(new YamlMap(file, mapping, problems));
    }

    /** Names the rule this mapping describes, so later problems mention it. */
    YamlMap forRule(String ruleId) {
        this.rule = ruleId;
        return this;
    }

    String file() {
        return file;
    }

    int line() {
        return line(node);
    }

    /** Records a problem for every key not in the allowed set. */
    void allowOnly(Set<String> keys) {
        entries.forEach((k, t) -> {
            if (!keys.contains(k)) {
                problem(
                        line(t.getKeyNode()),
                        "unknown key '" + k + "' (allowed: " + String.join(", ", new java.util.TreeSet<>(keys)) + ")");
            }
        });
    }

    boolean has(String key) {
        return entries.containsKey(key);
    }

    Set<String> keys() {
        return entries.keySet();
    }

    /** A required non-blank string. */
    Optional<String> requiredString(String key) {
        if (!entries.containsKey(key)) {
            problem(line(), "missing required key '" + key + "'");
            return Optional.empty();
        }
        Optional<String> value = optionalString(key);
        if (value.isPresent() && value.get().isBlank()) {
            problem(line(entries.get(key).getValueNode()), "'" + key + "' must not be blank");
            return Optional.empty();
        }
        return value;
    }

    Optional<String> optionalString(String key) {
        NodeTuple t = entries.get(key);
        if (t == null) {
            return Optional.empty();
        }
        if (t.getValueNode() instanceof ScalarNode scalar) {
            return Optional.of(scalar.getValue());
        }
        problem(line(t.getValueNode()), "'" + key + "' must be a single value");
        return Optional.empty();
    }

    /** A list of strings; a single scalar is accepted as a list of one. */
    List<String> stringList(String key) {
        NodeTuple t = entries.get(key);
        if (t == null) {
            return List.of();
        }
        Node value = t.getValueNode();
        if (value instanceof ScalarNode scalar) {
            return List.of(scalar.getValue());
        }
        List<String> out = new ArrayList<>();
        if (value instanceof SequenceNode seq) {
            for (Node item : seq.getValue()) {
                if (item instanceof ScalarNode s) {
                    out.add(s.getValue());
                } else {
                    problem(line(item), "items of '" + key + "' must be single values");
                }
            }
        } else {
            problem(line(value), "'" + key + "' must be a list");
        }
        return out;
    }

    /** A scalar of a list with the line it is on. */
    record Item(String value, int line) {}

    /** A list of strings with their lines, for long data lists whose problems must name the line. */
    List<Item> items(String key) {
        NodeTuple t = entries.get(key);
        if (t == null) {
            return List.of();
        }
        if (!(t.getValueNode() instanceof SequenceNode seq)) {
            problem(line(t.getValueNode()), "'" + key + "' must be a list");
            return List.of();
        }
        List<Item> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (item instanceof ScalarNode s) {
                out.add(new Item(s.getValue(), line(item)));
            } else {
                problem(line(item), "items of '" + key + "' must be single values");
            }
        }
        return out;
    }

    Optional<YamlMap> map(String key) {
        NodeTuple t = entries.get(key);
        if (t == null) {
            return Optional.empty();
        }
        if (t.getValueNode() instanceof MappingNode m) {
            return Optional.of(new YamlMap(file, m, problems));
        }
        problem(line(t.getValueNode()), "'" + key + "' must be a mapping");
        return Optional.empty();
    }

    /** A list of mappings, such as the rules of a rule file. */
    List<YamlMap> mapList(String key) {
        NodeTuple t = entries.get(key);
        if (t == null) {
            return List.of();
        }
        if (!(t.getValueNode() instanceof SequenceNode seq)) {
            problem(line(t.getValueNode()), "'" + key + "' must be a list");
            return List.of();
        }
        List<YamlMap> out = new ArrayList<>();
        for (Node item : seq.getValue()) {
            if (item instanceof MappingNode m) {
                out.add(new YamlMap(file, m, problems));
            } else {
                problem(line(item), "items of '" + key + "' must be mappings");
            }
        }
        return out;
    }

    /** The value as plain data (String, Long, Double, Boolean, List, Map) for parameters. */
    Object data(String key) {
        return toData(entries.get(key).getValueNode());
    }

    int lineOf(String key) {
        NodeTuple t = entries.get(key);
        return t == null ? line() : line(t.getValueNode());
    }

    void problem(int line, String reason) {
        problems.add(new PackProblem(file, line, rule, reason));
    }

    private Object toData(Node n) {
        if (n instanceof ScalarNode s) {
            return scalar(s);
        }
        if (n instanceof SequenceNode seq) {
            List<Object> out = new ArrayList<>();
            seq.getValue().forEach(item -> out.add(toData(item)));
            return List.copyOf(out);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        for (NodeTuple t : ((MappingNode) n).getValue()) {
            out.put(((ScalarNode) t.getKeyNode()).getValue(), toData(t.getValueNode()));
        }
        return Map.copyOf(out);
    }

    /** Plain YAML scalars: quoted text stays text; unquoted numbers and booleans are typed. */
    private static Object scalar(ScalarNode s) {
        String v = s.getValue();
        if (s.isPlain()) {
            if (v.equals("true") || v.equals("false")) {
                return Boolean.valueOf(v);
            }
            if (v.matches("-?\\d{1,18}")) {
                return Long.valueOf(v);
            }
            if (v.matches("-?(\\d+\\.\\d*|\\.\\d+|\\d+)([eE][-+]?\\d+)?")) {
                return Double.valueOf(v);
            }
        }
        return v;
    }

    private static int line(Node n) {
        return n.getStartMark() == null ? 0 : n.getStartMark().getLine() + 1;
    }
}
