package com.adreview.k8s;

import static org.assertj.core.api.Assertions.fail;

import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.deser.BeanDeserializerBuilder;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Assumptions;

/**
 * The k8s/ manifests as Kubernetes objects: overlays rendered by {@code kubectl kustomize}, source
 * files read directly. Objects are read into the Kubernetes API's own model (fabric8, generated from
 * the API's OpenAPI spec) for the API version and kind they name, and a field that the API does not
 * have, a value of the wrong type or an API version that is not served is an error: a schema check
 * that needs no network.
 */
final class Manifests {

    static final Path K8S = Path.of("k8s");

    /** The API versions and kinds the manifests may use: GA versions that clusters serve today. */
    static final Map<String, Class<? extends HasMetadata>> KINDS = Map.ofEntries(
            Map.entry("v1/Namespace", Namespace.class),
            Map.entry("v1/ServiceAccount", ServiceAccount.class),
            Map.entry("v1/ConfigMap", ConfigMap.class),
            Map.entry("v1/Secret", Secret.class),
            Map.entry("v1/Service", Service.class),
            Map.entry("apps/v1/Deployment", Deployment.class),
            Map.entry("apps/v1/StatefulSet", StatefulSet.class),
            Map.entry("batch/v1/Job", Job.class),
            Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
            Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
            Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class));

    private static final YAMLMapper YAML = new YAMLMapper();

    /** Reads into the model, refusing what it does not know instead of keeping it aside. */
    private static final ObjectMapper STRICT = new ObjectMapper()
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .registerModule(new SimpleModule().setDeserializerModifier(new BeanDeserializerModifier() {
                @Override
                public BeanDeserializerBuilder updateBuilder(
                        DeserializationConfig config, BeanDescription description, BeanDeserializerBuilder builder) {
                    // The model keeps unknown fields in "additionalProperties"; here they are errors.
                    builder.setAnySetter(null);
                    builder.setIgnoreUnknownProperties(false);
                    return builder;
                }
            }));

    private static final Map<String, Rendered> RENDERED = new ConcurrentHashMap<>();

    /** What an overlay renders to: its objects, and every way one of them is not a valid API object. */
    record Rendered(String overlay, List<HasMetadata> objects, List<String> problems) {

        <T extends HasMetadata> List<T> all(Class<T> kind) {
            return objects.stream().filter(kind::isInstance).map(kind::cast).toList();
        }

        <T extends HasMetadata> T one(Class<T> kind, String name) {
            return all(kind).stream()
                    .filter(o -> name.equals(o.getMetadata().getName()))
                    .findFirst()
                    .orElseThrow(() ->
                            new AssertionError(overlay + " renders no " + kind.getSimpleName() + " named " + name));
        }

        /** A generated object (its name carries a content hash) by the name it was generated under. */
        <T extends HasMetadata> T generated(Class<T> kind, String prefix) {
            List<T> found = all(kind).stream()
                    .filter(o -> o.getMetadata().getName().matches(prefix + "-[a-z0-9]{10}"))
                    .toList();
            if (found.size() != 1) {
                throw new AssertionError(
                        overlay + " renders " + found.size() + " " + kind.getSimpleName() + " " + prefix);
            }
            return found.get(0);
        }
    }

    private Manifests() {}

    /** The overlay {@code k8s/overlays/<overlay>} rendered by kubectl (skips the test where there is none, fails in CI). */
    static Rendered render(String overlay) {
        String kubectl = kubectl().orElse(null);
        if (kubectl == null) {
            if ("true".equalsIgnoreCase(System.getenv("CI"))) {
                fail("kubectl is needed to render k8s/ in CI (.ci/run installs it); set KUBECTL to use another one");
            }
            Assumptions.abort("kubectl not found (set KUBECTL or put it on the PATH): k8s/ overlays not rendered");
        }
        return RENDERED.computeIfAbsent(
                overlay, o -> read(o, kustomize(kubectl, K8S.resolve("overlays").resolve(o))));
    }

    /** One manifest file of k8s/ (or any YAML file of Kubernetes objects), read strictly. */
    static <T extends HasMetadata> T source(Path file, Class<T> kind) {
        try {
            return STRICT.treeToValue(YAML.readTree(file.toFile()), kind);
        } catch (IOException e) {
            throw new UncheckedIOException(file + " is not a valid " + kind.getSimpleName(), e);
        }
    }

    static Optional<String> kubectl() {
        String command = Optional.ofNullable(System.getenv("KUBECTL")).orElse("kubectl");
        try {
            Process process = new ProcessBuilder(command, "version", "--client")
                    .redirectErrorStream(true)
                    .start();
            process.getInputStream().readAllBytes();
            return process.waitFor(60, TimeUnit.SECONDS) && process.exitValue() == 0
                    ? Optional.of(command)
                    : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    private static String kustomize(String kubectl, Path directory) {
        try {
            Process process = new ProcessBuilder(kubectl, "kustomize", directory.toString())
                    .redirectError(ProcessBuilder.Redirect.PIPE)
                    .start();
            byte[] out = process.getInputStream().readAllBytes();
            String err = new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                fail(kubectl + " kustomize " + directory + " failed:\n" + err);
            }
            return new String(out, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static Rendered read(String overlay, String yaml) {
        List<HasMetadata> objects = new ArrayList<>();
        List<String> problems = new ArrayList<>();
        try {
            for (JsonNode document :
                    YAML.readValues(YAML.createParser(yaml), JsonNode.class).readAll()) {
                if (document == null || document.isNull() || document.isEmpty()) {
                    continue;
                }
                String type = document.path("apiVersion").asText() + "/"
                        + document.path("kind").asText();
                String name =
                        type + " " + document.path("metadata").path("name").asText();
                Class<? extends HasMetadata> kind = KINDS.get(type);
                if (kind == null) {
                    problems.add(name + ": not an API version and kind these manifests may use " + KINDS.keySet());
                    continue;
                }
                try {
                    objects.add(STRICT.treeToValue(document, kind));
                } catch (IOException e) {
                    problems.add(name + ": " + e.getMessage());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("the rendered " + overlay + " overlay is not YAML", e);
        }
        return new Rendered(overlay, List.copyOf(objects), List.copyOf(problems));
    }
}
