package com.adreview.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.api.RequestReader;
import com.tngtech.archunit.base.DescribedPredicate;
import com.tngtech.archunit.core.domain.Dependency;
import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.lang.ArchRule;
import com.tngtech.archunit.library.freeze.FreezingArchRule;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The walls between packages (README, Architecture), checked on every build: the pure engine imports no
 * framework and no store, feature packages form no cycle, only {@code store.embedded} touches the
 * embedded MongoDB server, resources speak records to services (no store or document in a resource, no
 * body read in a service), and the picture of who imports whom in README is the one the classes draw.
 *
 * <p>Documents and stores used outside their own package are the one wall still being built: the uses
 * that exist are frozen (src/test/resources/archunit-frozen, updated by ArchUnit as they go away), and
 * any new one fails.
 */
class ArchitectureTest {

    private static final String ROOT = "com.adreview";

    /** The pure packages: what they may use besides the JDK and each other. */
    private static final String[] PURE = {ROOT + ".engine..", ROOT + ".check.."};

    /** A store or stored document, or a type nested in one (a store's query record, say). */
    private static final DescribedPredicate<JavaClass> STORE_OR_DOCUMENT =
            DescribedPredicate.describe("are stores or documents, or nested in one", c -> {
                for (JavaClass k = c; k != null; k = k.getEnclosingClass().orElse(null)) {
                    if (k.getSimpleName().endsWith("Store") || k.getSimpleName().endsWith("Document")) {
                        return true;
                    }
                }
                return false;
            });

    private static JavaClasses classes;

    @BeforeAll
    static void importClasses() {
        classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(ROOT);
    }

    @Test
    void theEngineIsPure() {
        ArchRule rule = noClasses()
                .that()
                .resideInAnyPackage(PURE)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "io.quarkus..",
                        "io.vertx..",
                        "io.smallrye..",
                        "jakarta.ws.rs..",
                        "jakarta.enterprise..",
                        "jakarta.inject..",
                        "com.mongodb..",
                        "org.bson..",
                        "de.bwaldvogel..")
                .because("the engine decides from values alone: no framework, no store");
        rule.check(classes);
        noClasses()
                .that()
                .resideInAnyPackage(PURE)
                .should()
                .dependOnClassesThat(JavaClass.Predicates.resideInAPackage(ROOT + "..")
                        .and(JavaClass.Predicates.resideOutsideOfPackages(PURE)))
                .because("features use the engine, never the other way round")
                .check(classes);
    }

    @Test
    void featurePackagesFormNoCycle() {
        slices().matching(ROOT + ".(*)..").should().beFreeOfCycles().check(classes);
    }

    @Test
    void onlyTheStoreTouchesTheEmbeddedServer() {
        noClasses()
                .that()
                .resideOutsideOfPackage(ROOT + ".store.embedded..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("de.bwaldvogel..")
                .check(classes);
    }

    @Test
    void documentsAndStoresStayInTheirPackage() {
        ArchRule rule = com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .should(
                        new com.tngtech.archunit.lang.ArchCondition<JavaClass>(
                                "use no document or store of another package") {
                            @Override
                            public void check(JavaClass c, com.tngtech.archunit.lang.ConditionEvents events) {
                                for (Dependency d : c.getDirectDependenciesFromSelf()) {
                                    JavaClass target = d.getTargetClass();
                                    String name = target.getSimpleName();
                                    if (target.getPackageName().startsWith(ROOT)
                                            && !target.getPackageName().equals(c.getPackageName())
                                            && (name.endsWith("Document") || name.endsWith("Store"))
                                            && !target.getPackageName().startsWith(ROOT + ".store")) {
                                        events.add(com.tngtech.archunit.lang.SimpleConditionEvent.violated(
                                                d, c.getName() + " uses " + target.getName()));
                                    }
                                }
                            }
                        });
        FreezingArchRule.freeze(rule).check(classes);
    }

    /**
     * One way to write a resource: it reads the body into a record and calls its feature's service, which
     * answers views. A store, a stored document (BSON's own included) or a type nested in a store inside
     * a resource means the resource does the service's work.
     */
    @Test
    void resourcesNameNoStoreOrDocument() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Resource")
                .should()
                .dependOnClassesThat(STORE_OR_DOCUMENT)
                .because("a resource calls its feature's service with records and gets views back")
                .check(classes);
    }

    /** Reading an HTTP body is the resource's job, so that a service is called the same way from anywhere. */
    @Test
    void servicesReadNoBodies() {
        noClasses()
                .that()
                .haveSimpleNameEndingWith("Service")
                .or()
                .haveSimpleName("AdActions")
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(RequestReader.class)
                .because("services take records; the resource reads the body, naming every bad field at once")
                .check(classes);
    }

    /** README's Mermaid picture lists exactly the imports between top-level packages. */
    @Test
    void theReadmePictureIsWhatTheClassesDraw() throws IOException {
        Map<String, Set<String>> actual = new TreeMap<>();
        for (JavaClass c : classes) {
            String from = topLevel(c.getPackageName());
            if (from == null) {
                continue;
            }
            actual.computeIfAbsent(from, k -> new TreeSet<>());
            for (Dependency d : c.getDirectDependenciesFromSelf()) {
                String to = topLevel(d.getTargetClass().getPackageName());
                if (to != null && !to.equals(from)) {
                    actual.get(from).add(to);
                }
            }
        }
        String readme = Files.readString(Path.of("README.md"));
        int start = readme.indexOf("```mermaid\n");
        assertThat(start).as("README has a mermaid picture of the packages").isNotNegative();
        String picture = readme.substring(start, readme.indexOf("```", start + 10));
        Map<String, Set<String>> drawn = new TreeMap<>();
        Matcher edge = Pattern.compile("(?m)^\\s*(\\w+)\\s*-->\\s*(\\w+)\\s*$").matcher(picture);
        while (edge.find()) {
            drawn.computeIfAbsent(edge.group(1), k -> new TreeSet<>()).add(edge.group(2));
        }
        Map<String, Set<String>> actualEdges = new TreeMap<>(actual);
        actualEdges.values().removeIf(Set::isEmpty);
        assertThat(drawn)
                .as("README's picture; as drawn by the classes:\n" + mermaid(actual))
                .isEqualTo(actualEdges);
    }

    private static String topLevel(String packageName) {
        if (!packageName.startsWith(ROOT + ".")) {
            return null;
        }
        String rest = packageName.substring(ROOT.length() + 1);
        int dot = rest.indexOf('.');
        return dot < 0 ? rest : rest.substring(0, dot);
    }

    private static String mermaid(Map<String, Set<String>> deps) {
        StringBuilder s = new StringBuilder("```mermaid\nflowchart TD\n");
        deps.forEach((from, tos) -> tos.forEach(
                to -> s.append("    ").append(from).append(" --> ").append(to).append('\n')));
        return s.append("```\n").toString();
    }
}
