package com.adreview.submission;

import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.StoreCommands;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.filter.Filter;
import io.restassured.http.ContentType;
import io.restassured.specification.RequestSpecification;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The store round trips (driver commands) of one request of each kind on the intake path, counted by
 * {@link StoreCommands} for that request alone, and held to a budget: issue 16 measured intake as
 * latency-bound on round trips made one after another, so their number must only go down.
 *
 * <p>Each operation is measured on {@value #SAMPLES} fresh entities after one unmeasured warm-up of
 * its kind (a first request may do one-off work), and every sample must make the same commands: the
 * count is a property of the request, not of timing. The table printed is the map of where an intake
 * request's round trips go.
 */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
@TestProfile(StoreRoundTripBudgetTest.OwnStore.class)
class StoreRoundTripBudgetTest {

    /**
     * An application and store of its own, so that no other test's data or leftovers are around, and no
     * audit checkpoint by entry count: the request that appends entry 1000, 2000, … also signs and
     * publishes a checkpoint, which would make that one request's count depend on where the trail stands.
     * Its cost (one request in a thousand) is left out of the budgets, as is the key's read after its
     * memory expires (once a second per key).
     */
    public static class OwnStore implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            // A key is remembered for the whole test: at the default second, a slow machine's pause between
            // two samples made one of them read the key again (a trip the request owes to the clock).
            // Likewise the active suspensions: intake reads them again once what the instance read is a tenth
            // of the intake settle old (SuspensionService#activeForIntake), once a minute here.
            return Map.of(
                    "adreview.audit.checkpoint-entries",
                    Integer.toString(Integer.MAX_VALUE),
                    "adreview.security.key-memory",
                    "10m",
                    "adreview.suspension.intake-settle",
                    "10m");
        }
    }

    /*
     * Round trips per request (issue 16: 42/21/21/13/10/2 before any work on it; a batch of 100 was 100 times a
     * single submission before it was stored together; 17/12/14/10/7/1/15 before one read of holdings served
     * both the claim and the entity and the two logs' heads went in one write; 15/10/12/../13 before an ad's next
     * revision was numbered from what the instance remembers instead of a read; 14/9/11/../12 before intake decided
     * with the suspensions the instance read at most a tenth of the intake settle ago; complaints on live ads 10 and 16
     * before the holders of what the ads name came from the entity just read). These are ceilings meant to go
     * down: when a change takes round trips away, lower its figure to the new count in the same commit;
     * never raise one to let a change pass.
     */
    static final int SUBMIT_NEW_ENTITY = 13;
    static final int SUBMIT_ANOTHER_AD_OF_ENTITY = 8;
    static final int RESUBMIT_AD = 10;
    static final int COMPLAINT_PULLING_NOTHING = 9;
    static final int COMPLAINT_ON_NO_AD = 7;
    static final int COMPLAINT_PULLING_AD = 15;
    static final int GET_SUBMISSION = 1;
    /** A whole batch of {@value #BATCH} packages, not per package. */
    static final int BATCH_OF_AN_ENTITY = 11;

    /*
     * Of those, the writes whose reply waits for a commit of its own (each a commit's latency on the
     * request's path): a request's earlier writes are covered by its last durable one
     * (com.adreview.store.CoveredWrites). Ceilings too, as above.
     */
    static final int SUBMIT_NEW_ENTITY_WAITS = 2;
    static final int SUBMIT_ANOTHER_AD_OF_ENTITY_WAITS = 1;
    static final int RESUBMIT_AD_WAITS = 1;
    static final int COMPLAINT_PULLING_NOTHING_WAITS = 1;
    static final int COMPLAINT_ON_NO_AD_WAITS = 1;
    /**
     * One wait for a complaint and the pull it causes together: three before the complaint's own publication and
     * the pull's status change were made durable by the pull's publication (Outbox#publishOwed, CoveredWrites).
     */
    static final int COMPLAINT_PULLING_AD_WAITS = 1;

    static final int GET_SUBMISSION_WAITS = 0;
    static final int BATCH_OF_AN_ENTITY_WAITS = 1;

    private static final int BATCH = 100;

    /** How many earlier ads the entity of "another ad" has. */
    private static final int EARLIER_ADS = 3;

    private static final int SAMPLES = 3;

    @Inject
    StoreCommands commands;

    /** One operation on a fresh entity: prepares it unmeasured, then makes the measured request. */
    private record Operation(
            String name, int budget, int commitWaits, Function<RequestSpecification, Runnable> prepare) {}

    private record Measured(
            String name, int budget, int commitWaits, List<String> labels, List<List<StoreCommands.Command>> samples) {

        List<StoreCommands.Command> commands() {
            return samples.get(0);
        }

        long waits() {
            return commands().stream()
                    .filter(StoreCommands.Command::waitsForCommit)
                    .count();
        }
    }

    @Test
    void eachIntakeRequestStaysWithinItsRoundTripBudget() {
        List<Operation> operations = List.of(
                new Operation(
                        "POST /v1/submissions, a new entity",
                        SUBMIT_NEW_ENTITY,
                        SUBMIT_NEW_ENTITY_WAITS,
                        StoreRoundTripBudgetTest::newEntity),
                new Operation(
                        "POST /v1/submissions, another ad of an entity with " + EARLIER_ADS + " ads",
                        SUBMIT_ANOTHER_AD_OF_ENTITY,
                        SUBMIT_ANOTHER_AD_OF_ENTITY_WAITS,
                        StoreRoundTripBudgetTest::anotherAd),
                new Operation(
                        "POST /v1/submissions, revision 2 of an ad",
                        RESUBMIT_AD,
                        RESUBMIT_AD_WAITS,
                        StoreRoundTripBudgetTest::resubmission),
                new Operation(
                        "POST /v1/complaints, on a live ad it does not pull",
                        COMPLAINT_PULLING_NOTHING,
                        COMPLAINT_PULLING_NOTHING_WAITS,
                        StoreRoundTripBudgetTest::complaintOnLiveAd),
                new Operation(
                        "POST /v1/complaints, a regulator's, pulling a live ad",
                        COMPLAINT_PULLING_AD,
                        COMPLAINT_PULLING_AD_WAITS,
                        StoreRoundTripBudgetTest::complaintPullingAd),
                new Operation(
                        "POST /v1/complaints, on an entity without ads",
                        COMPLAINT_ON_NO_AD,
                        COMPLAINT_ON_NO_AD_WAITS,
                        StoreRoundTripBudgetTest::complaintOnNoAd),
                new Operation(
                        "GET /v1/submissions/{id}, by its gateway",
                        GET_SUBMISSION,
                        GET_SUBMISSION_WAITS,
                        StoreRoundTripBudgetTest::read),
                new Operation(
                        "POST /v1/submissions/batch, " + BATCH + " packages (2 revisions) of an entity with "
                                + EARLIER_ADS + " ads",
                        BATCH_OF_AN_ENTITY,
                        BATCH_OF_AN_ENTITY_WAITS,
                        StoreRoundTripBudgetTest::batch));

        long before = commands.total();
        long unlabelledBefore = commands.unlabelledInRequests();
        List<Measured> measured = new ArrayList<>();
        // Every other request of the test (keys, earlier ads, checks) is labelled too, as set-up: then a
        // command made in a request without a label is one a measured request lost.
        List<Filter> filters = new ArrayList<>(RestAssured.filters());
        RestAssured.filters((request, response, context) -> {
            if (!request.getHeaders().hasHeaderWithName(StoreCommands.HEADER)) {
                request.header(StoreCommands.HEADER, "set-up");
            }
            return context.next(request, response);
        });
        try {
            for (Operation operation : operations) {
                operation.prepare().apply(Api.anyone()).run(); // warm-up, not measured
                List<String> labels = new ArrayList<>();
                List<List<StoreCommands.Command>> samples = new ArrayList<>();
                for (int i = 0; i < SAMPLES; i++) {
                    String label = "budget-" + UUID.randomUUID();
                    operation
                            .prepare()
                            .apply(Api.anyone().header(StoreCommands.HEADER, label))
                            .run();
                    labels.add(label);
                    samples.add(commands.of(label));
                }
                measured.add(
                        new Measured(operation.name(), operation.budget(), operation.commitWaits(), labels, samples));
            }
        } finally {
            RestAssured.replaceFiltersWith(filters);
        }
        print(measured);

        assertThat(commands.total() - before)
                .as("the driver's command listener saw no command at all: counting is broken")
                .isPositive();
        assertThat(commands.unlabelledInRequests() - unlabelledBefore)
                .as(
                        "commands made inside a request but not under its label: part of a request's work is no longer counted")
                .isZero();
        for (Measured m : measured) {
            for (int i = 0; i < SAMPLES; i++) {
                assertThat(commands.of(m.labels().get(i)))
                        .as("%s: a command came after the answer, once its count had been taken", m.name())
                        .isEqualTo(m.samples().get(i));
            }
            for (List<StoreCommands.Command> sample : m.samples()) {
                assertThat(sample)
                        .as("%s: no store command counted; the request's commands are no longer labelled", m.name())
                        .isNotEmpty();
                assertThat(sample)
                        .as("%s: every sample makes the same commands", m.name())
                        .isEqualTo(m.commands());
            }
            assertThat(m.commands().size())
                    .as("%s: store round trips over today's budget; %s", m.name(), m.commands())
                    .isLessThanOrEqualTo(m.budget());
            assertThat(m.waits())
                    .as(
                            "%s: writes that wait for a commit of their own over today's budget; %s",
                            m.name(), m.commands())
                    .isLessThanOrEqualTo(m.commitWaits());
        }
    }

    // --- the operations: each prepares a fresh entity unmeasured and returns the measured request --------

    private static Runnable newEntity(RequestSpecification measured) {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        Api.keyFor(account(ad));
        return () -> post(measured, ad).statusCode(201).body("status", equalTo("APPROVED"));
    }

    private static Runnable anotherAd(RequestSpecification measured) {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        for (int i = 0; i < EARLIER_ADS; i++) {
            Api.submit(ad.with("adId", "earlier-" + i)).statusCode(201);
        }
        TestPackages next = ad.with("adId", "next");
        return () -> post(measured, next).statusCode(201).body("status", equalTo("APPROVED"));
    }

    private static Runnable batch(RequestSpecification measured) {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        for (int i = 0; i < EARLIER_ADS; i++) {
            Api.submit(ad.with("adId", "earlier-" + i)).statusCode(201);
        }
        StringBuilder body = new StringBuilder("{\"items\":[");
        for (int i = 0; i < BATCH; i++) {
            // The first two revise earlier ads (their older revisions are retired); the rest are new ads.
            body.append(i == 0 ? "" : ",")
                    .append(ad.with("adId", i < 2 ? "earlier-" + i : "batch-" + i)
                            .body());
        }
        body.append("]}");
        return () -> measured.header(Api.API_KEY, Api.keyFor(account(ad)))
                .contentType(ContentType.JSON)
                .body(body.toString())
                .post("/v1/submissions/batch")
                .then()
                .statusCode(200)
                .body("stored", equalTo(BATCH))
                .body("items[0].submission.revision", equalTo(2))
                .body("items[99].submission.revision", equalTo(1));
    }

    private static Runnable resubmission(RequestSpecification measured) {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        Api.submit(ad).statusCode(201);
        TestPackages revised = ad.with("creative.headline", "新版标题");
        return () -> post(measured, revised).statusCode(201).body("revision", equalTo(2));
    }

    private static Runnable complaintOnLiveAd(RequestSpecification measured) {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        String id = Api.submitted(ad);
        return () -> {
            complain(measured, account(ad)).statusCode(201);
            Api.staff().get("/v1/submissions/{id}", id).then().statusCode(200).body("status", equalTo("APPROVED"));
        };
    }

    private static Runnable complaintPullingAd(RequestSpecification measured) {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        String id = Api.submitted(ad);
        return () -> {
            measured.auth()
                    .preemptive()
                    .basic("ops", "ops")
                    .contentType(ContentType.JSON)
                    .body("{\"subject\":{\"advertiserAccountId\":\"" + account(ad) + "\"},\"source\":\"REGULATOR\","
                            + "\"category\":\"FRAUD\",\"description\":\"监管通报\"}")
                    .post("/v1/complaints")
                    .then()
                    .statusCode(201);
            Api.staff().get("/v1/submissions/{id}", id).then().statusCode(200).body("status", equalTo("PULLED"));
        };
    }

    private static Runnable complaintOnNoAd(RequestSpecification measured) {
        String account = "acct-" + UUID.randomUUID();
        return () -> complain(measured, account).statusCode(201);
    }

    private static Runnable read(RequestSpecification measured) {
        TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
        String id = Api.submitted(ad);
        String key = Api.keyFor(account(ad));
        return () -> measured.header(Api.API_KEY, key)
                .get("/v1/submissions/{id}", id)
                .then()
                .statusCode(200)
                .body("id", equalTo(id));
    }

    private static io.restassured.response.ValidatableResponse post(RequestSpecification measured, TestPackages ad) {
        return measured.header(Api.API_KEY, Api.keyFor(account(ad)))
                .contentType(ContentType.JSON)
                .body(ad.body())
                .post("/v1/submissions")
                .then();
    }

    /** One user's fraud complaint without an amount: below every threshold, so it pulls nothing. */
    private static io.restassured.response.ValidatableResponse complain(RequestSpecification measured, String account) {
        return measured.auth()
                .preemptive()
                .basic("ops", "ops")
                .contentType(ContentType.JSON)
                .body("{\"subject\":{\"advertiserAccountId\":\"" + account + "\"},\"source\":\"USER\","
                        + "\"category\":\"FRAUD\",\"description\":\"充值后无法提现\",\"reporterId\":\"user-"
                        + UUID.randomUUID() + "\"}")
                .post("/v1/complaints")
                .then();
    }

    private static String account(TestPackages ad) {
        return ad.json().at("/advertiser/accountId").asText();
    }

    // --- the table ------------------------------------------------------------------------------------------

    private static void print(List<Measured> measured) {
        StringBuilder out = new StringBuilder("\nStore round trips per request (budget = today's ceiling):\n");
        out.append(String.format(
                "%-58s %6s %6s %6s %6s  %s%n",
                "request", "trips", "budget", "waits", "budget", "commands (name collection x times)"));
        for (Measured m : measured) {
            Map<String, Long> grouped = m.commands().stream()
                    .collect(Collectors.groupingBy(Object::toString, LinkedHashMap::new, Collectors.counting()));
            String summary = grouped.entrySet().stream()
                    .map(e -> e.getKey() + (e.getValue() > 1 ? " x" + e.getValue() : ""))
                    .collect(Collectors.joining(", "));
            out.append(String.format(
                    "%-58s %6d %6d %6d %6d  %s%n",
                    m.name(), m.commands().size(), m.budget(), m.waits(), m.commitWaits(), summary));
        }
        out.append("\nIn the order sent:\n");
        for (Measured m : measured) {
            out.append("  ").append(m.name()).append(":\n");
            int n = 0;
            for (StoreCommands.Command c : m.commands()) {
                out.append(String.format("    %2d. %s%n", ++n, c));
            }
        }
        System.out.println(out);
    }
}
