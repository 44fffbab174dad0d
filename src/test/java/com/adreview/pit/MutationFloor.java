package com.adreview.pit;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import javax.xml.parsers.DocumentBuilderFactory;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/**
 * The floor of the {@code -Ppit} profile: reads PIT's {@code mutations.xml}, sets aside the surviving mutants
 * listed as equivalent (one reviewed file, a reason each), and fails when the test strength of the rest is
 * under the floor. A listed mutant of a mutated class that no longer survives is an error too, so the list
 * cannot go stale. A line excuses one mutant: two surviving mutants with the same key (class, method, line,
 * mutator, description) need the line twice.
 *
 * <p>Test strength is PIT's: detected mutants over covered ones (mutants no test reaches are reported, not
 * counted).
 */
public final class MutationFloor {

    /** One mutant as PIT reports it. */
    record Mutant(String clazz, String method, int line, String mutator, String description, String status) {

        boolean detected() {
            return DETECTED.contains(status);
        }

        boolean covered() {
            return !status.equals("NO_COVERAGE") && !status.equals("NON_VIABLE");
        }

        String key() {
            return clazz + "\t" + method + "\t" + line + "\t" + mutator + "\t" + description;
        }

        String where() {
            return clazz.substring(clazz.lastIndexOf('.') + 1) + "." + method + ":" + line + " " + mutator + " — "
                    + description;
        }
    }

    /** A mutant reviewed as equivalent: no test can tell it from the original; the reason says why. */
    record Equivalent(String key, String reason) {}

    /** What the floor found. */
    record Result(
            int mutants,
            int covered,
            int detected,
            int excused,
            List<Mutant> survivors,
            List<Mutant> uncovered,
            List<Equivalent> stale,
            Map<String, int[]> byPackage) {

        double strength() {
            int counted = covered - excused;
            return counted == 0 ? 100.0 : 100.0 * detected / counted;
        }
    }

    private static final Set<String> DETECTED = Set.of("KILLED", "TIMED_OUT", "MEMORY_ERROR", "RUN_ERROR");

    private MutationFloor() {}

    public static void main(String[] args) throws Exception {
        if (args.length != 3) {
            throw new IllegalArgumentException(
                    "usage: MutationFloor <mutations.xml> <equivalent-mutants.tsv> <floor %>");
        }
        List<Mutant> mutants = read(Path.of(args[0]));
        List<Equivalent> equivalents = equivalents(Files.readAllLines(Path.of(args[1]), StandardCharsets.UTF_8));
        double floor = Double.parseDouble(args[2]);
        Result result = apply(mutants, equivalents);
        System.out.print(report(result, floor));
        if (result.strength() < floor || !result.stale().isEmpty()) {
            System.exit(1);
        }
    }

    static List<Mutant> read(Path xml) throws Exception {
        DocumentBuilderFactory factory = DocumentBuilderFactory.newInstance();
        factory.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
        NodeList nodes = factory.newDocumentBuilder().parse(xml.toFile()).getElementsByTagName("mutation");
        List<Mutant> out = new ArrayList<>(nodes.getLength());
        for (int i = 0; i < nodes.getLength(); i++) {
            Element e = (Element) nodes.item(i);
            String mutator = text(e, "mutator");
            out.add(new Mutant(
                    text(e, "mutatedClass"),
                    text(e, "mutatedMethod"),
                    Integer.parseInt(text(e, "lineNumber")),
                    mutator.substring(mutator.lastIndexOf('.') + 1),
                    text(e, "description"),
                    e.getAttribute("status")));
        }
        return out;
    }

    private static String text(Element e, String tag) {
        NodeList list = e.getElementsByTagName(tag);
        return list.getLength() == 0 ? "" : list.item(0).getTextContent().trim();
    }

    /**
     * Lines of {@code class, method, line, mutator, description, reason} separated by tabs; blank lines and
     * lines starting with {@code #} are comments. A line without a reason is refused: the list is reviewed.
     */
    static List<Equivalent> equivalents(List<String> lines) {
        List<Equivalent> out = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            String[] cells = line.split("\t", -1);
            if (cells.length != 6 || cells[5].isBlank()) {
                throw new IllegalArgumentException("equivalent-mutants line " + (i + 1)
                        + ": expected class, method, line, mutator, description and a reason, tab-separated");
            }
            out.add(new Equivalent(String.join("\t", List.of(cells).subList(0, 5)), cells[5].trim()));
        }
        return out;
    }

    static Result apply(List<Mutant> mutants, List<Equivalent> equivalents) {
        // Each listed line excuses one surviving mutant: PIT can make two mutants with the same key (the same
        // mutator twice on one line), and each needs its own reviewed line.
        Map<String, ArrayDeque<Equivalent>> unused = new LinkedHashMap<>();
        equivalents.forEach(
                e -> unused.computeIfAbsent(e.key(), k -> new ArrayDeque<>()).add(e));
        int covered = 0;
        int detected = 0;
        int excused = 0;
        List<Mutant> survivors = new ArrayList<>();
        List<Mutant> uncovered = new ArrayList<>();
        Map<String, int[]> byPackage = new TreeMap<>();
        for (Mutant m : mutants) {
            String pkg = m.clazz().substring(0, Math.max(0, m.clazz().lastIndexOf('.')));
            int[] counts = byPackage.computeIfAbsent(pkg, k -> new int[2]);
            if (!m.covered()) {
                uncovered.add(m);
                continue;
            }
            covered++;
            if (m.detected()) {
                detected++;
                counts[0]++;
                counts[1]++;
            } else if (unused.containsKey(m.key()) && !unused.get(m.key()).isEmpty()) {
                excused++;
                unused.get(m.key()).poll();
            } else {
                survivors.add(m);
                counts[1]++;
            }
        }
        // Only a class this run mutated can make a listed mutant stale (a run may mutate part of the engine).
        Set<String> mutated = new java.util.HashSet<>();
        mutants.forEach(m -> mutated.add(m.clazz()));
        List<Equivalent> stale = unused.values().stream()
                .flatMap(ArrayDeque::stream)
                .filter(e -> mutated.contains(e.key().substring(0, e.key().indexOf('\t'))))
                .toList();
        return new Result(mutants.size(), covered, detected, excused, survivors, uncovered, stale, byPackage);
    }

    static String report(Result r, double floor) {
        StringBuilder out = new StringBuilder();
        out.append("Mutants: ")
                .append(r.mutants())
                .append(", covered ")
                .append(r.covered())
                .append(", detected ")
                .append(r.detected())
                .append(", equivalent (listed) ")
                .append(r.excused())
                .append(", surviving ")
                .append(r.survivors().size())
                .append(", not covered ")
                .append(r.uncovered().size())
                .append('\n');
        r.byPackage()
                .forEach((pkg, c) -> out.append(String.format(
                        "  %-28s %5.1f %% (%d of %d)%n", pkg, c[1] == 0 ? 100.0 : 100.0 * c[0] / c[1], c[0], c[1])));
        r.survivors().forEach(m -> out.append("  SURVIVED ").append(m.where()).append('\n'));
        r.uncovered().forEach(m -> out.append("  NO TEST  ").append(m.where()).append('\n'));
        r.stale().forEach(e -> out.append("  STALE    listed as equivalent but not surviving: ")
                .append(e.key().replace('\t', ' '))
                .append('\n'));
        out.append(String.format("Test strength %.1f %% (floor %.0f %%)%n", r.strength(), floor));
        return out.toString();
    }
}
