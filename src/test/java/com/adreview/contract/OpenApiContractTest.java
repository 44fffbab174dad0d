package com.adreview.contract;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import com.adreview.testing.Tools;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The API description gateway teams generate clients from: src/main/openapi/openapi.json is exactly what the service
 * serves at /q/openapi (the build generates GeneratedClientTest's client from that file), and it passes
 * {@code @redocly/cli lint} 2.77.0 under src/main/openapi/redocly.yaml with no error and no warning.
 *
 * <p>After a change to the API, refresh the file with {@code ./mvnw test -Dtest=OpenApiContractTest
 * -Dopenapi.write=true} and commit it; the diff shows what clients will see change.
 */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class OpenApiContractTest {

    static final Path COMMITTED = Path.of("src", "main", "openapi", "openapi.json");
    private static final String REDOCLY_VERSION = "2.77.0";

    private static JsonNode served() throws IOException {
        String json = RestAssured.given()
                .queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        return TestPackages.JSON.readTree(json);
    }

    @Test
    void theCommittedDescriptionIsWhatTheServiceServes() throws IOException {
        JsonNode served = served();
        if (Boolean.getBoolean("openapi.write")) {
            Files.writeString(
                    COMMITTED,
                    TestPackages.JSON
                                    .copy()
                                    .enable(SerializationFeature.INDENT_OUTPUT)
                                    .writeValueAsString(served) + "\n",
                    StandardCharsets.UTF_8);
        }
        JsonNode committed = TestPackages.JSON.readTree(COMMITTED.toFile());
        assertThat(committed)
                .as("src/main/openapi/openapi.json differs from /q/openapi: refresh it with ./mvnw test"
                        + " -Dtest=OpenApiContractTest -Dopenapi.write=true, check the diff and commit it")
                .isEqualTo(served);
    }

    @Test
    void everySignedInOperationSaysHowToSignInAndAnswersProblems() throws IOException {
        JsonNode doc = served();
        assertThat(doc.at("/components/securitySchemes").fieldNames())
                .toIterable()
                .containsExactlyInAnyOrder("gatewayKey", "staffBasic", "staffBearer");
        assertThat(doc.at("/components/securitySchemes/gatewayKey/name").asText())
                .isEqualTo("X-Api-Key");
        List<String> wrong = new ArrayList<>();
        doc.get("paths")
                .fields()
                .forEachRemaining(path -> path.getValue().fields().forEachRemaining(op -> {
                    String name = op.getKey().toUpperCase() + " " + path.getKey();
                    JsonNode operation = op.getValue();
                    if (!operation.hasNonNull("operationId")) {
                        wrong.add(name + ": no operationId");
                    }
                    boolean success = false;
                    for (var it = operation.get("responses").fields(); it.hasNext(); ) {
                        var response = it.next();
                        success |= response.getKey().startsWith("2");
                        JsonNode body = response.getValue().has("$ref")
                                ? doc.at(
                                        response.getValue().get("$ref").asText().substring(1))
                                : response.getValue();
                        if (response.getKey().matches("[45]..")
                                && !body.at("/content/application~1problem+json")
                                        .isObject()) {
                            wrong.add(name + ": " + response.getKey() + " without an application/problem+json body");
                        }
                        if (!body.hasNonNull("description")) {
                            wrong.add(name + ": " + response.getKey() + " without a description");
                        }
                    }
                    if (!success) {
                        wrong.add(name + ": no 2xx answer");
                    }
                    if (operation.has("security")) {
                        for (String status : List.of("401", "403", "429")) {
                            if (!operation.at("/responses/" + status).isObject()) {
                                wrong.add(name + ": signed in, but no " + status);
                            }
                        }
                    }
                    if (!op.getKey().equals("get") && path.getKey().startsWith("/v1/")) {
                        for (String status : List.of("413", "415")) {
                            if (!operation.at("/responses/" + status).isObject()) {
                                wrong.add(name + ": changes state, but no " + status);
                            }
                        }
                    }
                }));
        assertThat(wrong).isEmpty();
    }

    @Test
    void redoclyFindsNoErrorAndNoWarning() throws Exception {
        List<String> redocly = redocly();
        Path served = Path.of("target", "openapi-served.json");
        Files.createDirectories(served.getParent());
        Files.writeString(served, TestPackages.JSON.writeValueAsString(served()), StandardCharsets.UTF_8);
        Path report = Path.of("target", "redocly-lint.json");
        List<String> command = new ArrayList<>(redocly);
        command.addAll(List.of(
                "lint",
                served.toString(),
                "--config",
                "src/main/openapi/redocly.yaml",
                "--format",
                "json",
                "--max-problems",
                "500"));
        Process process = new ProcessBuilder(command)
                .redirectOutput(report.toFile())
                .redirectError(ProcessBuilder.Redirect.DISCARD)
                .start();
        assertThat(process.waitFor(3, TimeUnit.MINUTES))
                .as("redocly lint finished")
                .isTrue();
        JsonNode result = TestPackages.JSON.readTree(report.toFile());
        List<String> problems = new ArrayList<>();
        result.path("problems")
                .forEach(p -> problems.add(p.path("severity").asText() + " "
                        + p.path("ruleId").asText() + ": " + p.path("message").asText() + " at "
                        + p.at("/location/0/pointer").asText()));
        assertThat(problems)
                .as("redocly lint of /q/openapi (report: %s)", report)
                .isEmpty();
        assertThat(result.at("/totals/errors").asInt()).isZero();
        assertThat(result.at("/totals/warnings").asInt()).isZero();
        assertThat(process.exitValue()).isZero();
    }

    /**
     * How to run @redocly/cli: REDOCLY names an installed one (.ci/run installs it and sets it); else npx
     * fetches the pinned version from the npm registry.
     */
    private static List<String> redocly() {
        Optional<String> installed =
                Optional.ofNullable(System.getenv("REDOCLY")).filter(s -> !s.isBlank());
        if (installed.isPresent()) {
            Tools.require(
                    Tools.find(installed.get()).isPresent(),
                    "REDOCLY=" + installed.get(),
                    "set REDOCLY to the redocly command of @redocly/cli " + REDOCLY_VERSION);
            return List.of(installed.get());
        }
        Tools.require(
                Tools.find("npx").isPresent() && Tools.find("node").isPresent(),
                "node and npx (to lint the API description with @redocly/cli " + REDOCLY_VERSION + ")",
                "install Node.js (Debian: apt-get install nodejs npm) or set REDOCLY to a redocly command");
        return List.of("npx", "--yes", "@redocly/cli@" + REDOCLY_VERSION);
    }
}
