package com.adreview;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.ShortClocksProfile;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The background loops (lease holders, suspension sweeps, webhook delivery, simulations, the shadow pack)
 * run for the service's whole life on threads of their own ({@link BackgroundWork}), so a small worker
 * pool still serves requests with all of its threads. On the worker pool they took a dozen threads for
 * good: with {@code quarkus.thread-pool.max-threads} at 4 this test's requests were never answered.
 */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
@TestProfile(ShortClocksProfile.class)
class BackgroundThreadsTest {

    @Test
    @Timeout(value = 90, unit = TimeUnit.SECONDS)
    void aWorkerPoolSmallerThanTheLoopsServesRequestsWithAllItsThreads() {
        List<CompletableFuture<Integer>> answers = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            TestPackages ad = TestPackages.example("01-approved-p2p").asNewEntity();
            String account = ad.json().at("/advertiser/accountId").asText();
            answers.add(CompletableFuture.supplyAsync(() -> Api.gateway(account)
                    .contentType(ContentType.JSON)
                    .body(ad.body())
                    .post("/v1/submissions")
                    .statusCode()));
        }
        assertThat(answers).allSatisfy(a -> assertThat(a.join()).isEqualTo(201));

        List<Thread> loops = new ArrayList<>();
        List<String> workersInLoops = new ArrayList<>();
        Thread.getAllStackTraces().forEach((thread, stack) -> {
            boolean inLoop = Arrays.stream(stack)
                    .anyMatch(f -> f.getClassName().startsWith("com.adreview.")
                            && f.getMethodName().equals("loop"));
            if (thread.getName().startsWith("background-") && inLoop) {
                loops.add(thread);
            }
            if (thread.getName().startsWith("executor-thread-") && inLoop) {
                workersInLoops.add(thread.getName());
            }
        });
        assertThat(loops).as("background loops on their own threads").hasSizeGreaterThanOrEqualTo(5);
        assertThat(loops).allSatisfy(t -> assertThat(t.isDaemon()).isTrue());
        assertThat(workersInLoops)
                .as("worker threads held by a background loop")
                .isEmpty();
    }
}
