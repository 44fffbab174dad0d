package com.adreview.testing;

import com.adreview.engine.PolicyPack;
import com.adreview.policy.PolicyPackException;
import com.adreview.policy.PolicyPackLoader;
import com.adreview.policy.PolicyTestRunner;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Policy packs for tests that decide with a pack rather than test how one is loaded: each directory is
 * loaded and compiled once per JVM and shared. A pack is immutable, so sharing it is safe; loading it costs
 * about a second, which the engine's tests used to pay per class and mutation testing paid per test.
 *
 * <p>Tests of the loader itself ({@code PolicyPackLoaderTest}) load their own packs, so a fault in loading
 * is still caught where it happens.
 */
public final class Packs {

    /** The pack shipped in {@code policies/}, or the one {@code -Dadreview.policy.directory} names. */
    public static final Path SHIPPED = Path.of(System.getProperty("adreview.policy.directory", "policies"));

    private static final Map<Path, PolicyPack> DIRECT = new ConcurrentHashMap<>();
    private static final Map<Path, PolicyPack> INTERPRETED = new ConcurrentHashMap<>();
    private static final Map<Path, List<PolicyTestRunner.Case>> CASES = new ConcurrentHashMap<>();

    private Packs() {}

    /** The shipped pack, compiled as the service compiles it. */
    public static PolicyPack shipped() {
        return DIRECT.computeIfAbsent(SHIPPED.toAbsolutePath(), dir -> load(new PolicyPackLoader(), dir));
    }

    /** The shipped pack with every condition left to CEL's interpreter (no direct evaluation). */
    public static PolicyPack shippedInterpreted() {
        return INTERPRETED.computeIfAbsent(SHIPPED.toAbsolutePath(), dir -> load(new PolicyPackLoader(false), dir));
    }

    /** The cases of the shipped pack's own tests ({@code policies/tests}). */
    public static List<PolicyTestRunner.Case> shippedCases() {
        return CASES.computeIfAbsent(SHIPPED.toAbsolutePath(), dir -> {
            try {
                return List.copyOf(new PolicyTestRunner().load(dir));
            } catch (PolicyPackException e) {
                throw new IllegalStateException(e.getMessage(), e);
            }
        });
    }

    private static PolicyPack load(PolicyPackLoader loader, Path dir) {
        try {
            return loader.load(dir);
        } catch (PolicyPackException e) {
            throw new IllegalStateException(e.getMessage(), e);
        }
    }
}
