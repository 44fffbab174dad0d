package com.adreview.k8s;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adreview.policy.PolicyPackLoader;
import com.adreview.testing.ConfigMapVolume;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HasMetadata;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.PodSecurityContext;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.ResourceRequirements;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.SecurityContext;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.Volume;
import io.fabric8.kubernetes.api.model.VolumeMount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.StatefulSet;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The k8s/ overlays, rendered by kubectl kustomize, are valid Kubernetes objects and deploy the engine
 * as the issue asks: replicated, bounded, probed, non-root on a read-only root filesystem, reachable
 * on one port, with the shipped policy pack mounted where it reads it, and secrets referenced, never
 * included. Needs kubectl (skipped without it, except in CI); the source checks at the end do not.
 */
class KubernetesManifestsTest {

    private static final String ENGINE = "ad-review-engine";
    private static final String IMAGE = "adreview/ad-review-engine";
    private static final Pattern CREDENTIALS_IN_URI = Pattern.compile("://[^/@\\s]+:[^/@\\s]+@");
    private static final Pattern SECRET_NAME = Pattern.compile("(?i).*(PASSWORD|SECRET|TOKEN|KEY|CREDENTIAL).*");

    @TempDir
    Path pod;

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectIsAServedApiObjectWithOnlyFieldsTheApiHas(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);

        assertThat(rendered.problems()).isEmpty();
        assertThat(rendered.objects())
                .extracting(o -> o.getKind())
                .contains(
                        "Namespace",
                        "ServiceAccount",
                        "ConfigMap",
                        "Deployment",
                        "Service",
                        "HorizontalPodAutoscaler",
                        "PodDisruptionBudget",
                        "NetworkPolicy");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everythingLivesInTheOverlaysNamespaceUnderTheRestrictedPodSecurityStandard(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);

        Namespace namespace = rendered.all(Namespace.class).stream()
                .reduce((a, b) -> {
                    throw new AssertionError("more than one Namespace");
                })
                .orElseThrow();
        assertThat(namespace.getMetadata().getLabels())
                .containsEntry("pod-security.kubernetes.io/enforce", "restricted");
        assertThat(rendered.objects())
                .filteredOn(o -> !(o instanceof Namespace))
                .allSatisfy(o -> assertThat(o.getMetadata().getNamespace())
                        .as(describe(o))
                        .isEqualTo(namespace.getMetadata().getName()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theEngineRunsReplicatedAutoscaledAndProtectedFromDrains(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);
        Deployment engine = rendered.one(Deployment.class, ENGINE);
        Map<String, String> podLabels =
                engine.getSpec().getTemplate().getMetadata().getLabels();

        assertThat(engine.getSpec().getReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(podLabels)
                .containsAllEntriesOf(engine.getSpec().getSelector().getMatchLabels());
        assertThat(engine.getSpec()
                        .getStrategy()
                        .getRollingUpdate()
                        .getMaxUnavailable()
                        .getIntVal())
                .as("a rollout never lowers the pods serving")
                .isZero();

        HorizontalPodAutoscaler hpa = rendered.one(HorizontalPodAutoscaler.class, ENGINE);
        assertThat(hpa.getSpec().getScaleTargetRef().getKind()).isEqualTo("Deployment");
        assertThat(hpa.getSpec().getScaleTargetRef().getName()).isEqualTo(ENGINE);
        assertThat(hpa.getSpec().getMinReplicas()).isGreaterThanOrEqualTo(2);
        assertThat(hpa.getSpec().getMaxReplicas()).isGreaterThan(hpa.getSpec().getMinReplicas());

        PodDisruptionBudget pdb = rendered.one(PodDisruptionBudget.class, ENGINE);
        assertThat(podLabels).containsAllEntriesOf(pdb.getSpec().getSelector().getMatchLabels());
        assertThat(pdb.getSpec().getMaxUnavailable().getIntVal()).isEqualTo(1);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theEngineRunsTheProductionProfileOnItsProbedPort(String overlay) {
        Deployment engine = Manifests.render(overlay).one(Deployment.class, ENGINE);
        Container container = engineContainer(engine);

        assertThat(env(container, "QUARKUS_PROFILE")).contains("production");
        assertThat(container.getPorts())
                .extracting(ContainerPort::getName, ContainerPort::getContainerPort)
                .containsExactly(org.assertj.core.groups.Tuple.tuple("http", 8080));
        Deployment base = Manifests.source(Manifests.K8S.resolve("base/deployment.yaml"), Deployment.class);
        Container baseContainer = engineContainer(base);
        assertThat(List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe()))
                .as("the probes ProbePathsTest calls on the running service")
                .isEqualTo(List.of(
                        baseContainer.getStartupProbe(),
                        baseContainer.getLivenessProbe(),
                        baseContainer.getReadinessProbe()));
        assertThat(List.of(container.getStartupProbe(), container.getLivenessProbe(), container.getReadinessProbe()))
                .allSatisfy(probe ->
                        assertThat(probe.getHttpGet().getPort().getStrVal()).isEqualTo("http"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyPodIsBoundedNonRootAndReadOnly(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);
        List<String> problems = new ArrayList<>();
        forEachPod(rendered, (owner, spec) -> {
            PodSecurityContext pod = spec.getSecurityContext();
            if (pod == null || !Boolean.TRUE.equals(pod.getRunAsNonRoot())) {
                problems.add(owner + ": pod securityContext.runAsNonRoot is not true");
            }
            if (pod == null
                    || pod.getSeccompProfile() == null
                    || !"RuntimeDefault".equals(pod.getSeccompProfile().getType())) {
                problems.add(owner + ": pod seccompProfile is not RuntimeDefault");
            }
            if (!Boolean.FALSE.equals(spec.getAutomountServiceAccountToken())) {
                problems.add(owner + ": a service account token is mounted");
            }
            List<Container> containers = new ArrayList<>(spec.getContainers());
            if (spec.getInitContainers() != null) {
                containers.addAll(spec.getInitContainers());
            }
            for (Container c : containers) {
                String where = owner + " container " + c.getName();
                SecurityContext security = c.getSecurityContext();
                if (security == null
                        || !Boolean.TRUE.equals(security.getReadOnlyRootFilesystem())
                        || !Boolean.FALSE.equals(security.getAllowPrivilegeEscalation())
                        || security.getCapabilities() == null
                        || !List.of("ALL").equals(security.getCapabilities().getDrop())) {
                    problems.add(where + ": needs readOnlyRootFilesystem, no privilege escalation, drop ALL");
                }
                ResourceRequirements resources = c.getResources();
                for (String r : List.of("cpu", "memory")) {
                    if (resources == null
                            || resources.getRequests() == null
                            || !resources.getRequests().containsKey(r)
                            || resources.getLimits() == null
                            || !resources.getLimits().containsKey(r)) {
                        problems.add(where + ": no " + r + " request and limit");
                    }
                }
                if (c.getImage() == null || !c.getImage().contains(":")) {
                    problems.add(where + ": image " + c.getImage() + " has no tag");
                }
            }
        });
        assertThat(problems).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void secretsAreReferencedNeverIncluded(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);

        assertThat(rendered.all(Secret.class))
                .as("Secrets are created outside k8s/")
                .isEmpty();
        List<String> problems = new ArrayList<>();
        forEachPod(rendered, (owner, spec) -> spec.getContainers().forEach(c -> {
            for (EnvVar e : Optional.ofNullable(c.getEnv()).orElse(List.of())) {
                if (e.getValue() != null
                        && CREDENTIALS_IN_URI.matcher(e.getValue()).find()) {
                    problems.add(owner + " " + e.getName() + ": credentials in a plain value");
                }
                if (e.getValue() != null && SECRET_NAME.matcher(e.getName()).matches()) {
                    problems.add(owner + " " + e.getName() + ": a secret as a plain value");
                }
            }
        }));
        rendered.all(ConfigMap.class).forEach(cm -> cm.getData().forEach((key, text) -> {
            if (CREDENTIALS_IN_URI.matcher(text).find()) {
                problems.add(describe(cm) + " " + key + ": credentials in a URI");
            }
        }));
        assertThat(problems).isEmpty();
    }

    @Test
    void prodTakesItsReplicaSetFromASecret() {
        Manifests.Rendered prod = Manifests.render("prod");
        Container engine = engineContainer(prod.one(Deployment.class, ENGINE));
        EnvVar uri = engine.getEnv().stream()
                .filter(e -> e.getName().equals("QUARKUS_MONGODB_CONNECTION_STRING"))
                .findFirst()
                .orElseThrow();

        assertThat(uri.getValue()).isNull();
        assertThat(uri.getValueFrom().getSecretKeyRef().getName()).isEqualTo("adreview-mongodb");
        assertThat(uri.getValueFrom().getSecretKeyRef().getKey()).isEqualTo("connection-string");
        assertThat(prod.all(StatefulSet.class)).as("prod's MongoDB is external").isEmpty();
        assertThat(engine.getImage()).matches(".+/" + IMAGE + ":[0-9][^:]*");
    }

    @Test
    void devRunsAThreeMemberReplicaSetThatTheEngineUses() {
        Manifests.Rendered dev = Manifests.render("dev");
        StatefulSet mongodb = dev.one(StatefulSet.class, "mongodb");
        Service members = dev.one(Service.class, "mongodb");
        Job init = dev.one(Job.class, "mongodb-init");
        List<String> hosts = List.of("mongodb-0.mongodb:27017", "mongodb-1.mongodb:27017", "mongodb-2.mongodb:27017");

        assertThat(mongodb.getSpec().getReplicas()).isEqualTo(3);
        assertThat(mongodb.getSpec().getServiceName())
                .isEqualTo(members.getMetadata().getName());
        assertThat(members.getSpec().getClusterIP()).isEqualTo("None");
        assertThat(String.join(
                        " ",
                        mongodb.getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .get(0)
                                .getCommand()))
                .contains("--replSet rs0");
        assertThat(String.join(
                        " ",
                        init.getSpec()
                                .getTemplate()
                                .getSpec()
                                .getContainers()
                                .get(0)
                                .getCommand()))
                .contains("_id: \"rs0\"")
                .contains(hosts);
        assertThat(env(engineContainer(dev.one(Deployment.class, ENGINE)), "QUARKUS_MONGODB_CONNECTION_STRING"))
                .hasValue("mongodb://" + String.join(",", hosts) + "/?replicaSet=rs0");
        assertThat(engineContainer(dev.one(Deployment.class, ENGINE)).getImage())
                .as("the image the Quarkus build makes")
                .isEqualTo(IMAGE + ":" + System.getProperty("project.version"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void theServiceAndNetworkPolicyReachTheEnginesPortAndNoOther(String overlay) {
        Manifests.Rendered rendered = Manifests.render(overlay);
        Deployment engine = rendered.one(Deployment.class, ENGINE);
        Map<String, String> podLabels =
                engine.getSpec().getTemplate().getMetadata().getLabels();

        Service service = rendered.one(Service.class, ENGINE);
        assertThat(podLabels).containsAllEntriesOf(service.getSpec().getSelector());
        assertThat(service.getSpec().getPorts())
                .singleElement()
                .satisfies(p -> assertThat(p.getTargetPort().getStrVal()).isEqualTo("http"));

        NetworkPolicy policy = rendered.one(NetworkPolicy.class, ENGINE);
        assertThat(podLabels)
                .containsAllEntriesOf(policy.getSpec().getPodSelector().getMatchLabels());
        assertThat(policy.getSpec().getPolicyTypes()).containsExactlyInAnyOrder("Ingress", "Egress");
        assertThat(policy.getSpec().getIngress())
                .flatExtracting(rule -> rule.getPorts())
                .extracting(p -> p.getPort().getIntVal())
                .containsExactly(8080);
        assertThat(policy.getSpec().getEgress())
                .flatExtracting(rule -> rule.getPorts())
                .extracting(p -> p.getPort().getIntVal())
                .contains(53, 27017, 443);
    }

    /**
     * Mounts the rendered ConfigMaps as the kubelet would, following the Deployment's volumes and
     * mounts, and loads the pack from where the engine is told to read it: the same pack, to the byte.
     */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void thePodReadsTheShippedPolicyPack(String overlay) throws Exception {
        Manifests.Rendered rendered = Manifests.render(overlay);
        Container engine = engineContainer(rendered.one(Deployment.class, ENGINE));
        PodSpec spec =
                rendered.one(Deployment.class, ENGINE).getSpec().getTemplate().getSpec();

        for (VolumeMount mount : engine.getVolumeMounts()) {
            Volume volume = spec.getVolumes().stream()
                    .filter(v -> v.getName().equals(mount.getName()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no volume " + mount.getName()));
            if (volume.getConfigMap() == null) {
                continue;
            }
            assertThat(volume.getConfigMap().getItems())
                    .as("every key, under its own name")
                    .isNullOrEmpty();
            ConfigMap configMap =
                    rendered.one(ConfigMap.class, volume.getConfigMap().getName());
            Path target = inPod(mount.getMountPath());
            if (mount.getSubPath() != null) {
                ConfigMapVolume.mountSubPath(target, configMap.getData().get(mount.getSubPath()));
            } else {
                ConfigMapVolume.mount(Files.createDirectories(target), configMap.getData());
            }
        }
        Path directory = inPod(env(engine, "ADREVIEW_POLICY_DIRECTORY").orElseThrow());

        assertThat(new PolicyPackLoader().load(directory).version())
                .isEqualTo(new PolicyPackLoader().load(Path.of("policies")).version());
    }

    // --- Source checks: no kubectl needed ------------------------------------------------------

    /** Kustomize lists files one by one; a pack file missing from policies/Kustomization never reaches a pod. */
    @Test
    void policiesKustomizationListsEveryFileOfThePack() throws IOException {
        Path policies = Path.of("policies");
        JsonNode kustomization =
                new YAMLMapper().readTree(policies.resolve("Kustomization").toFile());
        Set<String> listed = new TreeSet<>();
        kustomization.path("configMapGenerator").forEach(g -> g.path("files").forEach(f -> {
            String file = f.asText();
            assertThat(listed.add(file.contains("=") ? file.substring(file.indexOf('=') + 1) : file))
                    .as(file + " listed once")
                    .isTrue();
        }));
        Set<String> pack = new TreeSet<>();
        try (Stream<Path> files = Files.walk(policies)) {
            files.filter(Files::isRegularFile)
                    .map(f -> policies.relativize(f).toString().replace('\\', '/'))
                    .filter(f -> f.endsWith(".yaml") || f.endsWith(".yml"))
                    .filter(f -> !f.startsWith("tests/") && !f.startsWith("."))
                    .forEach(pack::add);
        }

        assertThat(listed).isEqualTo(pack);
    }

    /** The schema check itself: a misspelt field or a value of the wrong type is an error, not ignored. */
    @Test
    void aFieldTheApiDoesNotHaveOrAValueOfTheWrongTypeIsRefused() throws IOException {
        String deployment =
                """
                apiVersion: apps/v1
                kind: Deployment
                metadata: {name: d}
                spec:
                  template:
                    spec:
                      containers:
                      - name: c
                        image: i:1
                        %s
                """;
        Path misspelt = Files.writeString(pod.resolve("misspelt.yaml"), deployment.formatted("readinesProbe: {}"));
        Path wrongType = Files.writeString(pod.resolve("wrong-type.yaml"), deployment.formatted("ports: 8080"));
        Path fine = Files.writeString(pod.resolve("fine.yaml"), deployment.formatted("readinessProbe: {}"));

        assertThatThrownBy(() -> Manifests.source(misspelt, Deployment.class)).hasStackTraceContaining("readinesProbe");
        assertThatThrownBy(() -> Manifests.source(wrongType, Deployment.class)).hasStackTraceContaining("ports");
        assertThat(engineOf(Manifests.source(fine, Deployment.class)).getReadinessProbe())
                .isNotNull();
    }

    @Test
    void theBaseDeploymentRunsTheImageTheBuildMakes() throws IOException {
        Properties app = new Properties();
        try (var in = getClass().getResourceAsStream("/application.properties")) {
            app.load(in);
        }
        String built = app.getProperty("quarkus.container-image.group") + "/"
                + app.getProperty("quarkus.container-image.name");
        Deployment base = Manifests.source(Manifests.K8S.resolve("base/deployment.yaml"), Deployment.class);

        assertThat(built).isEqualTo(IMAGE);
        assertThat(engineContainer(base).getImage()).isEqualTo(IMAGE);
        assertThat(app.getProperty("quarkus.container-image.build"))
                .as("./mvnw verify builds no image")
                .isNull();
    }

    // --- helpers --------------------------------------------------------------------------------

    private Path inPod(String absolute) {
        assertThat(absolute).startsWith("/");
        return pod.resolve(absolute.substring(1));
    }

    private static Container engineOf(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
    }

    private static Container engineContainer(Deployment deployment) {
        return deployment.getSpec().getTemplate().getSpec().getContainers().stream()
                .filter(c -> c.getName().equals("engine"))
                .findFirst()
                .orElseThrow();
    }

    private static Optional<String> env(Container container, String name) {
        return Optional.ofNullable(container.getEnv()).orElse(List.of()).stream()
                .filter(e -> e.getName().equals(name))
                .map(EnvVar::getValue)
                .findFirst();
    }

    private interface PodVisitor {
        void visit(String owner, PodSpec spec);
    }

    private static void forEachPod(Manifests.Rendered rendered, PodVisitor visitor) {
        rendered.all(Deployment.class)
                .forEach(d ->
                        visitor.visit(describe(d), d.getSpec().getTemplate().getSpec()));
        rendered.all(StatefulSet.class)
                .forEach(s ->
                        visitor.visit(describe(s), s.getSpec().getTemplate().getSpec()));
        rendered.all(Job.class)
                .forEach(j ->
                        visitor.visit(describe(j), j.getSpec().getTemplate().getSpec()));
    }

    private static String describe(HasMetadata o) {
        return o.getKind() + " " + o.getMetadata().getName();
    }
}
