package com.adreview.store;

import com.adreview.testing.TestPackages;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The packaged service ({@code target/quarkus-app/quarkus-run.jar}) started as a real process, the
 * way the README starts it, on its own port and data directory.
 */
final class ServiceProcess implements AutoCloseable {

    private static final HttpClient HTTP =
            HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private final Process process;
    private final int port;
    private final Path log;

    private ServiceProcess(Process process, int port, Path log) {
        this.process = process;
        this.port = port;
        this.log = log;
    }

    static ServiceProcess start(Path dataDir, Path policies, String... extraProperties) throws IOException {
        Path jar = Path.of("target", "quarkus-app", "quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(jar + " is missing: run the package phase first (./mvnw verify does)");
        }
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        // C1 only: a service that lives for seconds never repays C2's compilations, which took half of the
        // ~11 s of CPU a start cost (5-6 s with C1 only, and ready 1-2 s sooner) on the suite's two cores.
        command.add("-XX:TieredStopAtLevel=1");
        command.add("-Dquarkus.http.port=" + port);
        command.add("-Dadreview.store.embedded.data-dir=" + dataDir.toAbsolutePath());
        command.add("-Dadreview.policy.directory=" + policies.toAbsolutePath());
        command.addAll(List.of(extraProperties));
        command.add("-jar");
        command.add(jar.toAbsolutePath().toString());
        Path log = Files.createTempFile("service-", ".log");
        Process process = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(log.toFile())
                .start();
        return new ServiceProcess(process, port, log);
    }

    /** Waits until the readiness endpoint answers at all (UP or DOWN); fails with the log if it never does. */
    HttpResponse<String> awaitHealth(Duration timeout) throws Exception {
        Instant deadline = Instant.now().plus(timeout);
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                throw new IllegalStateException(
                        "service exited with " + process.exitValue() + ":\n" + Files.readString(log));
            }
            try {
                return get("/q/health/ready");
            } catch (IOException notYet) {
                Thread.sleep(200);
            }
        }
        throw new IllegalStateException("service not answering after " + timeout + ":\n" + Files.readString(log));
    }

    /** Waits for the process to end by itself; its exit code, or empty if it is still running. */
    java.util.OptionalInt awaitExit(Duration timeout) throws InterruptedException {
        if (process.waitFor(timeout.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
            return java.util.OptionalInt.of(process.exitValue());
        }
        return java.util.OptionalInt.empty();
    }

    /** A GET as staff: the development admin unless told otherwise (every read endpoint admits an admin). */
    HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return HTTP.send(
                HttpRequest.newBuilder(uri(path))
                        .header("Authorization", staff)
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /**
     * A POST as its caller would make it: a submission through the gateway of the account it names
     * (a key is created for it the first time), anything else as staff.
     */
    HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(uri(path))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (path.equals("/v1/submissions")) {
            String account =
                    TestPackages.JSON.readTree(body).at("/advertiser/accountId").asText();
            request.header("X-Api-Key", keyFor(account));
        } else {
            request.header("Authorization", staff);
        }
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String keyFor(String account) throws IOException, InterruptedException {
        String key = keys.get(account);
        if (key == null) {
            HttpResponse<String> created =
                    postJson("/v1/api-keys", "{\"accountId\":\"" + account + "\",\"label\":\"process test\"}");
            if (created.statusCode() != 201) {
                throw new IllegalStateException("no API key for " + account + ": " + created.body());
            }
            key = TestPackages.JSON.readTree(created.body()).get("key").asText();
            keys.put(account, key);
        }
        return key;
    }

    String log() throws IOException {
        return Files.readString(log);
    }

    /** Kills the service without warning (SIGKILL), as a crash or an evicted pod would. */
    void kill() throws InterruptedException {
        process.destroyForcibly().waitFor();
    }

    /** Stops the service as an operator would (SIGTERM), letting it shut down cleanly. */
    @Override
    public void close() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, java.util.concurrent.TimeUnit.SECONDS)) {
            process.destroyForcibly().waitFor();
        }
    }

    /** The development admin's Basic credentials (admin/admin), which the packaged jar's default profile has. */
    private static final String ADMIN = "Basic "
            + java.util.Base64.getEncoder()
                    .encodeToString("admin:admin".getBytes(java.nio.charset.StandardCharsets.UTF_8));

    private final java.util.Map<String, String> keys = new java.util.concurrent.ConcurrentHashMap<>();
    private volatile String staff = ADMIN;

    /** Staff requests carry this Authorization instead of the development admin's (a bearer token in production). */
    void authorizeStaffWith(String authorization) {
        this.staff = authorization;
    }

    private URI uri(String path) {
        return URI.create("http://127.0.0.1:" + port + path);
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
