package com.adreview.engine;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The kinds of content matcher are registered whichever class the JVM initialises first. A list held by
 * the interface itself was built when the interface was initialised — which the first matcher class to be
 * initialised does — and read that class's {@code KIND} while it was still null. Each case loads the
 * engine's classes afresh in a loader of their own, so the order is the case's, not this JVM's.
 */
class ContentMatcherKindsTest {

    /** Defines the engine's classes itself (a fresh copy of each); everything else from its parent. */
    private static final class FreshEngine extends ClassLoader {
        FreshEngine() {
            super(ContentMatcherKindsTest.class.getClassLoader());
        }

        @Override
        protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
            if (!name.startsWith("com.adreview.engine.")) {
                return super.loadClass(name, resolve);
            }
            synchronized (getClassLoadingLock(name)) {
                Class<?> loaded = findLoadedClass(name);
                if (loaded == null) {
                    String file = name.replace('.', '/') + ".class";
                    try (InputStream in = getParent().getResourceAsStream(file)) {
                        if (in == null) {
                            throw new ClassNotFoundException(name);
                        }
                        byte[] bytes = in.readAllBytes();
                        loaded = defineClass(name, bytes, 0, bytes.length);
                    } catch (IOException e) {
                        throw new ClassNotFoundException(name, e);
                    }
                }
                if (resolve) {
                    resolveClass(loaded);
                }
                return loaded;
            }
        }
    }

    private static List<?> kindsAfterInitialising(String first) throws Exception {
        ClassLoader fresh = new FreshEngine();
        Class.forName("com.adreview.engine." + first, true, fresh);
        Method kinds =
                Class.forName("com.adreview.engine.ContentMatcher", true, fresh).getMethod("kinds");
        return (List<?>) kinds.invoke(null);
    }

    @Test
    void everyKindIsRegisteredWhicheverClassIsInitialisedFirst() throws Exception {
        for (String first : List.of(
                "ConceptMatcher", "PhraseListMatcher", "RateAboveMatcher", "ObfuscationMatcher", "ContentMatcher")) {
            List<?> kinds = kindsAfterInitialising(first);
            assertThat(kinds).as("after %s", first).hasSize(4).doesNotContainNull();
        }
        assertThat(ContentMatcher.kinds())
                .containsExactly(
                        PhraseListMatcher.KIND, ConceptMatcher.KIND, RateAboveMatcher.KIND, ObfuscationMatcher.KIND);
    }
}
