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
 * body read in a service), documents and stores stay in their feature's package (stores are not even
 * public; documents are, only because the driver's codec reads them by reflection), and the picture of
 * who imports whom in README is the one the classes draw.
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
        rule.check(classes);
    }

    /**
     * Queries are built where their collection is owned, so that a document's field names are written in
     * one place: its store, or one of these, each the one owner of its collection (the append-only logs,
     * checkpoints, leases, keys, idempotency records) or of the outbox field every document carries.
     */
    private static final Set<String> COLLECTION_OWNERS = Set.of(
            "AppendLog",
            "AuditTrail",
            "AdChangeFeed",
            "CheckpointService",
            "LeaseService",
            "ApiKeyService",
            "Idempotency",
            "Outbox",
            "OutboxRelay");

    @Test
    void onlyTheOwnerOfACollectionQueriesIt() {
        noClasses()
                .that(DescribedPredicate.describe(
                        "neither stores nor owners of a collection",
                        (JavaClass c) -> !c.getSimpleName().endsWith("Store")
                                && !COLLECTION_OWNERS.contains(
                                        c.getEnclosingClass().orElse(c).getSimpleName())
                                && !c.getPackageName().startsWith(ROOT + ".store.embedded")))
                .should()
                .dependOnClassesThat()
                .resideInAPackage("com.mongodb.client.model..")
                .because("a document's field names are written in its store only")
                .check(classes);
    }

    @Test
    void storesAreNotPublic() {
        com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes()
                .that()
                .haveSimpleNameEndingWith("Store")
                .and()
                .resideOutsideOfPackage(ROOT + ".store..")
                .should()
                .notBePublic()
                .because("a feature's store is reached through its service, which speaks records")
                .check(classes);
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
                .should()
                .dependOnClassesThat()
                .belongToAnyOf(RequestReader.class)
                .because("services take records; the resource reads the body, naming every bad field at once")
                .check(classes);
    }

    /** What a bean is handed that is not a collaborator in DESIGN's sense: the clock, its config, plumbing. */
    private static final Set<String> PLUMBING = Set.of(
            "java.time.Clock",
            "jakarta.enterprise.event.Event",
            "org.eclipse.microprofile.context.ManagedExecutor",
            "com.fasterxml.jackson.databind.ObjectMapper",
            "io.micrometer.core.instrument.MeterRegistry",
            "io.vertx.core.Vertx",
            "jakarta.validation.Validator",
            "com.adreview.store.DocumentMapper");

    /**
     * More than five collaborators means a class wants splitting (DESIGN); these have more, and say why.
     * A class that comes under the limit must leave this list, so that it stays the list of exceptions.
     */
    private static final Map<String, String> MANY_COLLABORATORS = Map.of(
            "HoldingRecomputation",
            "a start-up job over every stored submission, run once: it reads them, recomputes holdings, decides"
                    + " and opens review cases, so it meets each of those features once",
            "ReviewService",
            "a verdict is where review meets the submission (a guarded transition), the category's suspension and"
                    + " the identities a conflict joins; the queue (list, claim, release) could leave it");

    @Test
    void beansHaveAtMostFiveCollaboratorsOrSayWhy() {
        Map<String, Integer> over = new TreeMap<>();
        for (JavaClass c : classes) {
            if (!c.isAnnotatedWith(jakarta.enterprise.context.ApplicationScoped.class)
                    && !c.isAnnotatedWith(jakarta.inject.Singleton.class)
                    && !c.isAnnotatedWith(jakarta.ws.rs.Path.class)) {
                continue;
            }
            int most = 0;
            for (var constructor : c.getConstructors()) {
                int n = 0;
                for (JavaClass p : constructor.getRawParameterTypes()) {
                    if (!PLUMBING.contains(p.getName()) && !p.getSimpleName().endsWith("Config")) {
                        n++;
                    }
                }
                most = Math.max(most, n);
            }
            if (most > 5) {
                over.put(c.getSimpleName(), most);
            }
        }
        assertThat(over.keySet())
                .as("beans with more than five collaborators (besides clock, config and plumbing): %s", over)
                .containsExactlyInAnyOrderElementsOf(MANY_COLLABORATORS.keySet());
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
