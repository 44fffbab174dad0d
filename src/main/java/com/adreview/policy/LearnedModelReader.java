package com.adreview.policy;

import com.adreview.engine.AdField;
import com.adreview.engine.LearnedModel;
import com.adreview.engine.Topic;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Reads the learned second opinion: {@code learned:} in {@code pack.yaml} (the model file, the
 * threshold, the fields it reads, its message and citation) and the model file it names under
 * {@code model/}, as strictly as the rest of the pack: every problem with its file and line.
 *
 * <p>The model file is written by the training command ({@code policies/README.md}); it holds the
 * topics, one bias per topic and, per n-gram, {@code "<n-gram> <topic index>:<weight> …"}.
 */
final class LearnedModelReader {

    static final String DIRECTORY = "model";
    static final String FORMAT = "ngram-logistic-1";
    static final String RULE_ID = "learned-second-opinion";

    private static final Set<String> SECTION_KEYS = Set.of("model", "threshold", "fields", "message", "citation");
    private static final Set<String> MODEL_KEYS =
            Set.of("description", "format", "trainedOn", "topics", "bias", "ngrams");

    /** The {@code learned:} section as written; null fields were reported. */
    record Section(String model, Double threshold, List<String> fields, String message, String citation, int line) {}

    static Section section(YamlMap m) {
        m.allowOnly(SECTION_KEYS);
        String model = m.requiredString("model").orElse(null);
        if (model != null
                && (!model.startsWith(DIRECTORY + "/") || !(model.endsWith(".yaml") || model.endsWith(".yml")))) {
            m.problem(m.lineOf("model"), "the model must be a .yaml file under " + DIRECTORY + "/");
            model = null;
        }
        Double threshold = null;
        if (!m.has("threshold")) {
            m.problem(m.line(), "missing required key 'threshold'");
        } else if (m.data("threshold") instanceof Double d && d > 0 && d < 1) {
            threshold = d;
        } else {
            m.problem(m.lineOf("threshold"), "threshold must be a probability above 0 and below 1, e.g. 0.8");
        }
        List<String> fields = m.stringList("fields");
        if (fields.isEmpty()) {
            m.problem(m.lineOf("fields"), "'fields' must name the text fields the model reads");
        }
        for (String f : fields) {
            if (!AdField.scannable().contains(f)) {
                m.problem(
                        m.lineOf("fields"),
                        "unknown or unscannable field '" + f + "' (known: " + AdField.scannable() + ")");
            }
        }
        if (Set.copyOf(fields).size() != fields.size()) {
            m.problem(m.lineOf("fields"), "a field is named twice");
        }
        String message = m.requiredString("message").orElse(null);
        String citation = m.requiredString("citation").orElse(null);
        return new Section(model, threshold, fields, message, citation, m.lineOf("model"));
    }

    /** The model the section names, or null after reporting why there is none. */
    static LearnedModel read(Section section, java.util.Map<String, String> sources, List<PackProblem> problems) {
        if (section.model() == null
                || section.threshold() == null
                || section.message() == null
                || section.citation() == null
                || section.fields().isEmpty()) {
            return null;
        }
        String text = sources.get(section.model());
        if (text == null) {
            problems.add(new PackProblem(
                    PolicyPackLoader.MANIFEST,
                    section.line(),
                    null,
                    "learned model '" + section.model() + "' not found"));
            return null;
        }
        int before = problems.size();
        Optional<YamlMap> parsed = YamlMap.parse(section.model(), text, problems);
        if (parsed.isEmpty()) {
            return null;
        }
        YamlMap m = parsed.get();
        m.allowOnly(MODEL_KEYS);
        m.requiredString("format").ifPresent(f -> {
            if (!f.equals(FORMAT)) {
                m.problem(m.lineOf("format"), "unknown model format '" + f + "' (known: " + FORMAT + ")");
            }
        });
        List<Topic> topics = new ArrayList<>();
        for (String t : m.stringList("topics")) {
            try {
                topics.add(Topic.valueOf(t));
            } catch (IllegalArgumentException e) {
                m.problem(m.lineOf("topics"), "unknown topic '" + t + "'");
            }
        }
        List<String> biasText = m.stringList("bias");
        double[] bias = new double[biasText.size()];
        for (int i = 0; i < bias.length; i++) {
            try {
                bias[i] = Double.parseDouble(biasText.get(i));
            } catch (NumberFormatException e) {
                m.problem(m.lineOf("bias"), "bias '" + biasText.get(i) + "' is not a number");
            }
        }
        if (topics.isEmpty() || bias.length != topics.size()) {
            m.problem(
                    m.lineOf("bias"),
                    "the model needs one bias per topic (" + topics.size() + " topics, " + bias.length + " biases)");
        }
        if (problems.size() > before) {
            return null;
        }
        LearnedModel.Builder model;
        try {
            model = new LearnedModel.Builder(topics, bias);
        } catch (IllegalArgumentException e) {
            m.problem(m.lineOf("topics"), e.getMessage());
            return null;
        }
        for (YamlMap.Item item : m.items("ngrams")) {
            String[] parts = item.value().split(" ");
            try {
                if (parts.length < 2) {
                    throw new IllegalArgumentException("expected '<n-gram> <topic>:<weight> …'");
                }
                int[] indexes = new int[parts.length - 1];
                float[] weights = new float[parts.length - 1];
                for (int k = 1; k < parts.length; k++) {
                    int colon = parts[k].indexOf(':');
                    if (colon < 0) {
                        throw new IllegalArgumentException("expected <topic>:<weight>, not '" + parts[k] + "'");
                    }
                    indexes[k - 1] = Integer.parseInt(parts[k].substring(0, colon));
                    weights[k - 1] = Float.parseFloat(parts[k].substring(colon + 1));
                }
                model.gram(parts[0], indexes, weights);
            } catch (IllegalArgumentException e) {
                problems.add(new PackProblem(section.model(), item.line(), null, e.getMessage()));
            }
        }
        if (problems.size() > before) {
            return null;
        }
        return model.build(section.threshold(), section.fields(), RULE_ID, section.message(), section.citation());
    }

    private LearnedModelReader() {}
}
