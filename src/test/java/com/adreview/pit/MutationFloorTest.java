package com.adreview.pit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MutationFloorTest {

    private static final String XML =
            """
            <?xml version="1.0" encoding="UTF-8"?>
            <mutations>
            %s
            </mutations>
            """;

    private static String mutation(String status, String method, int line, String description) {
        return """
                <mutation detected="%s" status="%s" numberOfTestsRun="1">
                  <sourceFile>Hosts.java</sourceFile>
                  <mutatedClass>com.adreview.check.Hosts</mutatedClass>
                  <mutatedMethod>%s</mutatedMethod>
                  <methodDescription>(Ljava/lang/String;)Ljava/lang/String;</methodDescription>
                  <lineNumber>%d</lineNumber>
                  <mutator>org.pitest.mutationtest.engine.gregor.mutators.NegateConditionalsMutator</mutator>
                  <description>%s</description>
                </mutation>
                """
                .formatted(
                        !status.equals("SURVIVED") && !status.equals("NO_COVERAGE"), status, method, line, description);
    }

    @Test
    void strengthCountsDetectedOverCoveredLessTheListedEquivalents(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("mutations.xml");
        Files.writeString(
                xml,
                XML.formatted(String.join(
                        "",
                        mutation("KILLED", "hostOf", 10, "negated conditional"),
                        mutation("KILLED", "hostOf", 11, "negated conditional"),
                        mutation("TIMED_OUT", "hostOf", 12, "negated conditional"),
                        mutation("SURVIVED", "hostOf", 13, "negated conditional"),
                        mutation("SURVIVED", "covers", 20, "negated conditional"),
                        mutation("NO_COVERAGE", "covers", 21, "negated conditional"))));
        List<MutationFloor.Mutant> mutants = MutationFloor.read(xml);
        assertThat(mutants).hasSize(6);

        MutationFloor.Result none = MutationFloor.apply(mutants, List.of());
        assertThat(none.covered()).isEqualTo(5);
        assertThat(none.detected()).isEqualTo(3);
        assertThat(none.strength()).isEqualTo(60.0);
        assertThat(none.survivors()).extracting(MutationFloor.Mutant::line).containsExactly(13, 20);
        assertThat(none.uncovered()).extracting(MutationFloor.Mutant::line).containsExactly(21);

        List<MutationFloor.Equivalent> listed = MutationFloor.equivalents(List.of(
                "# comment",
                "",
                "com.adreview.check.Hosts\tcovers\t20\tNegateConditionalsMutator\tnegated conditional\tfast path"));
        MutationFloor.Result excused = MutationFloor.apply(mutants, listed);
        assertThat(excused.excused()).isEqualTo(1);
        assertThat(excused.strength()).isEqualTo(75.0);
        assertThat(excused.stale()).isEmpty();
        assertThat(MutationFloor.report(excused, 90))
                .contains("SURVIVED Hosts.hostOf:13 NegateConditionalsMutator — negated conditional")
                .doesNotContain("Hosts.covers:20")
                .contains("Test strength 75.0 % (floor 90 %)");
    }

    @Test
    void aListedMutantThatNoLongerSurvivesIsStale(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("mutations.xml");
        Files.writeString(xml, XML.formatted(mutation("KILLED", "hostOf", 10, "negated conditional")));
        MutationFloor.Result result = MutationFloor.apply(
                MutationFloor.read(xml),
                MutationFloor.equivalents(List.of(
                        "com.adreview.check.Hosts\thostOf\t10\tNegateConditionalsMutator\tnegated conditional\twas")));
        assertThat(result.stale()).hasSize(1);
        assertThat(MutationFloor.report(result, 90)).contains("STALE");

        // A run that did not mutate the listed class (e.g. -DtargetClasses=com.adreview.engine.*) says nothing about
        // it.
        MutationFloor.Result other = MutationFloor.apply(
                MutationFloor.read(xml),
                MutationFloor.equivalents(List.of(
                        "com.adreview.engine.Money\tplain\t10\tNegateConditionalsMutator\tnegated conditional\twas")));
        assertThat(other.stale()).isEmpty();
    }

    @Test
    void oneListedLineExcusesOneOfTwoMutantsWithTheSameKey(@TempDir Path dir) throws Exception {
        Path xml = dir.resolve("mutations.xml");
        Files.writeString(
                xml,
                XML.formatted(mutation("SURVIVED", "hostOf", 10, "negated conditional")
                        + mutation("SURVIVED", "hostOf", 10, "negated conditional")
                        + mutation("KILLED", "hostOf", 11, "negated conditional")));
        String line = "com.adreview.check.Hosts\thostOf\t10\tNegateConditionalsMutator\tnegated conditional\tfast path";

        MutationFloor.Result once =
                MutationFloor.apply(MutationFloor.read(xml), MutationFloor.equivalents(List.of(line)));
        assertThat(once.excused()).isEqualTo(1);
        assertThat(once.survivors()).extracting(MutationFloor.Mutant::line).containsExactly(10);
        assertThat(once.strength()).isEqualTo(50.0);

        MutationFloor.Result twice =
                MutationFloor.apply(MutationFloor.read(xml), MutationFloor.equivalents(List.of(line, line)));
        assertThat(twice.excused()).isEqualTo(2);
        assertThat(twice.survivors()).isEmpty();
        assertThat(twice.strength()).isEqualTo(100.0);
        assertThat(twice.stale()).isEmpty();

        // A third line for two mutants is one too many: it excuses nothing, so it is stale.
        MutationFloor.Result thrice =
                MutationFloor.apply(MutationFloor.read(xml), MutationFloor.equivalents(List.of(line, line, line)));
        assertThat(thrice.excused()).isEqualTo(2);
        assertThat(thrice.stale()).hasSize(1);
    }

    @Test
    void anEntryWithoutAReasonIsRefused() {
        assertThatThrownBy(() -> MutationFloor.equivalents(List.of(
                        "com.adreview.check.Hosts\thostOf\t10\tNegateConditionalsMutator\tnegated conditional\t ")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("line 1");
    }
}
