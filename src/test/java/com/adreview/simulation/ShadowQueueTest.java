package com.adreview.simulation;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.adreview.engine.AdPackage;
import com.adreview.engine.Decision;
import com.adreview.engine.DecisionEngine;
import com.adreview.engine.EvaluationContext;
import com.adreview.engine.PolicyPack;
import com.adreview.engine.SubmissionStatus;
import com.adreview.store.DocumentMapper;
import com.adreview.testing.Packs;
import com.adreview.testing.TestPackages;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.lang.reflect.Proxy;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The shadow's queue on the request path: every decision handed to it is either compared by the worker
 * or, when the queue has no room, counted as not compared — none is lost and none waits.
 */
class ShadowQueueTest {

    private final PolicyPack inForce = Packs.shipped();
    private final DecisionEngine engine = new DecisionEngine();
    private final EvaluationContext context = new EvaluationContext(Instant.parse("2026-11-22T04:00:00Z"));
    private ShadowService shadow;

    @AfterEach
    void stop() {
        if (shadow != null) {
            shadow.onStop(null);
        }
    }

    @Test
    void withoutAShadowNothingIsQueuedOrCounted() {
        shadow = service(10);
        AdPackage ad = TestPackages.example("01-approved-p2p").build();
        shadow.decided(ad, context, null, engine.evaluate(ad, context, inForce));

        assertTrue(shadow.awaitCompared(Duration.ofSeconds(5)));
        assertEquals(0, shadow.comparedSinceFlush());
        assertEquals(0, shadow.notComparedSinceFlush());
    }

    @Test
    void everyDecisionIsComparedWhenTheQueueHasRoom() {
        shadow = service(10_000);
        shadow.use(new ObjectId(), inForce);
        AdPackage ad = TestPackages.example("01-approved-p2p").build();
        Decision decision = engine.evaluate(ad, context, inForce);
        for (int i = 0; i < 500; i++) {
            shadow.decided(ad, context, SubmissionStatus.APPROVED, decision);
        }

        assertTrue(shadow.awaitCompared(Duration.ofSeconds(10)), "the worker compared everything queued");
        assertEquals(500, shadow.comparedSinceFlush());
        assertEquals(0, shadow.notComparedSinceFlush());
    }

    @Test
    void decisionsBeyondAFullQueueAreCountedAsNotComparedAndTheRestCompared() {
        shadow = service(4);
        shadow.use(new ObjectId(), inForce);
        AdPackage ad = TestPackages.example("01-approved-p2p").build();
        Decision decision = engine.evaluate(ad, context, inForce);
        // Queuing takes well under a microsecond and the worker's decision about ten: the queue of four fills.
        for (int i = 0; i < 2_000; i++) {
            shadow.decided(ad, context, SubmissionStatus.APPROVED, decision);
        }

        assertTrue(shadow.awaitCompared(Duration.ofSeconds(10)));
        long compared = shadow.comparedSinceFlush();
        long notCompared = shadow.notComparedSinceFlush();
        assertEquals(2_000, compared + notCompared, "each decision is compared or counted as not compared");
        assertTrue(notCompared > 0, "a full queue turns decisions away: " + notCompared);
        assertTrue(compared >= 4, "what the queue held was compared: " + compared);
    }

    private static ShadowService service(int queue) {
        SimulationConfig config = (SimulationConfig) Proxy.newProxyInstance(
                SimulationConfig.class.getClassLoader(),
                new Class<?>[] {SimulationConfig.class},
                (p, m, args) -> switch (m.getName()) {
                    case "shadowQueue" -> queue;
                    case "shadowMaxSamples" -> 100;
                    default -> throw new UnsupportedOperationException(m.getName());
                });
        return new ShadowService(
                null,
                null,
                null,
                null,
                new DocumentMapper(new ObjectMapper().findAndRegisterModules()),
                config,
                null,
                Clock.systemUTC());
    }
}
