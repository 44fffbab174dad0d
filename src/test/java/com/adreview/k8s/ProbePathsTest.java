package com.adreview.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import java.io.IOException;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.Test;

/**
 * The Deployment's probes point at what the service really serves: each probe's path answers 200 on
 * the running application, on the port the container declares, which is the service's HTTP port.
 * (KubernetesManifestsTest shows that the rendered overlays keep these probes.)
 */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class ProbePathsTest {

    @Test
    void everyProbeOfTheDeploymentAnswers200OnTheServicesPort() throws IOException {
        Deployment deployment = Manifests.source(Manifests.K8S.resolve("base/deployment.yaml"), Deployment.class);
        Container engine =
                deployment.getSpec().getTemplate().getSpec().getContainers().get(0);
        Map<String, Probe> probes = new LinkedHashMap<>();
        probes.put("startup", engine.getStartupProbe());
        probes.put("liveness", engine.getLivenessProbe());
        probes.put("readiness", engine.getReadinessProbe());
        // The port the packaged service listens on (a test instance runs on a port of its own).
        int servicePort = Integer.parseInt(applicationProperties().getProperty("quarkus.http.port"));
        boolean managementInterface = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.management.enabled", Boolean.class)
                .orElse(false);

        assertThat(managementInterface)
                .as("health is served on the HTTP port, not a management port")
                .isFalse();
        probes.forEach((kind, probe) -> {
            assertThat(probe).as(kind + " probe").isNotNull();
            HTTPGetAction get = probe.getHttpGet();
            int containerPort = engine.getPorts().stream()
                    .filter(p -> p.getName().equals(get.getPort().getStrVal()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError(kind + " probe names no container port"))
                    .getContainerPort();
            assertThat(containerPort).as(kind + " probe port").isEqualTo(servicePort);
            Api.staff().when().get(get.getPath()).then().statusCode(200);
        });
        assertThat(probes.values())
                .extracting(p -> p.getHttpGet().getPath())
                .containsExactly("/q/health/started", "/q/health/live", "/q/health/ready");
    }

    private static Properties applicationProperties() throws IOException {
        Properties properties = new Properties();
        try (InputStream in = ProbePathsTest.class.getResourceAsStream("/application.properties")) {
            properties.load(in);
        }
        return properties;
    }
}
