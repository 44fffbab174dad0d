package com.adreview.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPairGenerator;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.bson.Document;
import org.bson.types.Decimal128;
import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The standalone verifier ({@code tools/Verify.java}, the JDK and nothing else) checks a real export of
 * the API against a checkpoint with only the public key: an auditor needs neither the service nor its
 * store to recompute every hash, and notices what was changed in the file.
 */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class AuditVerifierTest {

    private static final Path VERIFIER = Path.of("tools", "Verify.java");

    @Inject
    AuditTrail trail;

    @Inject
    CheckpointService checkpoints;

    private Path dir;

    private Path export;
    private Path checkpoint;
    private Path publicKey;
    private long checkpointSeq;

    /** Values whose encoding is easy to get wrong: numbers of every BSON type, escapes, non-ASCII text. */
    private static Document awkward() {
        return new Document("double", 1.0)
                .append("fraction", 0.1)
                .append("large", 1e20)
                .append("small", -1.5e-7)
                .append("negativeZero", -0.0)
                .append("long", Long.MAX_VALUE)
                .append("decimal", new Decimal128(new java.math.BigDecimal("12.3400")))
                .append("text", "引号\"反斜杠\\换行\n制表\t控制\u0001\u001f斜杠/ 行分隔\u2028 😀 é")
                .append("date", Date.from(Instant.parse("2026-12-01T08:00:00.120Z")))
                .append("id", new ObjectId("6b0e00000000000000000001"))
                .append("list", List.of(1, 2.5, List.of(), new Document()))
                .append("nothing", null)
                .append("Zebra", true)
                .append("apple", false);
    }

    @BeforeEach
    void anExportAndACheckpointFromTheApi() throws IOException {
        dir = Files.createTempDirectory("audit-verifier-");
        Api.submitted(TestPackages.example("01-approved-p2p").asNewEntity());
        String key = "verifier-test:" + UUID.randomUUID();
        trail.append(new AuditEvent(
                key,
                Instant.parse("2026-12-01T08:00:00.123Z"),
                "user:审计",
                AuditAction.STATUS_CHANGED,
                "submission:" + key,
                awkward(),
                new Document("nested", awkward()),
                "sha256:abc"));
        checkpointSeq = checkpoints.checkpoint().orElseThrow().getLong("_id");

        export = Files.writeString(
                dir.resolve("audit.jsonl"),
                Api.auditor()
                        .get("/v1/audit/export")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        checkpoint = Files.writeString(
                dir.resolve("checkpoint.json"),
                Api.auditor()
                        .get("/v1/audit/checkpoints/latest")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        publicKey = Files.writeString(
                dir.resolve("audit-public-key.pem"),
                Api.auditor()
                        .get("/v1/audit/public-key")
                        .then()
                        .statusCode(200)
                        .extract()
                        .path("pem"));
    }

    @AfterEach
    void removeFiles() throws IOException {
        try (var files = Files.walk(dir)) {
            for (Path p : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }

    private record Run(int exit, String output) {}

    private static Run verify(Path export, Path checkpoint, String publicKey) throws Exception {
        List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-XX:TieredStopAtLevel=1", // compiles and runs once: C2 would not repay itself (pom.xml, argLine)
                VERIFIER.toString(),
                export.toString(),
                checkpoint.toString(),
                publicKey));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
        return new Run(process.exitValue(), output);
    }

    @Test
    void theExportDescribesItselfAndEachEntryIsExactlyWhatItsHashCovers() throws Exception {
        List<String> lines = Files.readAllLines(export);
        JsonPath header = JsonPath.from(lines.get(0));
        assertThat(header.getString("format")).isEqualTo("adreview-audit-export");
        assertThat(header.getInt("version")).isEqualTo(1);
        for (String line : lines.subList(1, lines.size())) {
            JsonPath entry = JsonPath.from(line);
            Document stored = trail.entry(entry.getLong("seq"));
            String covered = line.substring(line.indexOf(",\"entry\":") + 9, line.length() - 1);
            assertThat(covered).isEqualTo(CanonicalJson.of(without(stored, "hash")));
            assertThat(entry.getString("hash")).isEqualTo(stored.getString("hash"));
        }
    }

    private static Document without(Document d, String field) {
        Document copy = new Document(d);
        copy.remove(field);
        return copy;
    }

    @Test
    void anExportFromTheApiVerifiesAgainstItsCheckpointWithOnlyThePublicKey() throws Exception {
        Run run = verify(export, checkpoint, publicKey.toString());

        assertThat(run.exit()).as(run.output()).isZero();
        assertThat(run.output())
                .contains("VERIFIED")
                .contains("checkpoint of entry " + checkpointSeq)
                .contains("entries 1–" + checkpointSeq + " are vouched for");
        // The key as text works as well as a file, and so does the checkpoint as the feed delivers it.
        Path delivered = Files.writeString(
                dir.resolve("delivered.json"),
                "{\"kind\":\"AUDIT_CHECKPOINT\",\"seq\":12,\"at\":\"2026-12-01T08:00:00Z\",\"checkpoint\":"
                        + Files.readString(checkpoint) + "}");
        String base64 =
                Api.auditor().get("/v1/audit/public-key").then().extract().path("publicKey");
        assertThat(verify(export, delivered, base64).exit()).isZero();
    }

    @Test
    void anEntryChangedInTheExportIsNamed() throws Exception {
        List<String> lines = new ArrayList<>(Files.readAllLines(export));
        int index = (int) Math.min(checkpointSeq, lines.size() - 1) - 1; // an entry the checkpoint covers
        long seq = JsonPath.from(lines.get(index)).getLong("seq");
        lines.set(index, lines.get(index).replaceFirst("\"actor\":\"[^\"]*\"", "\"actor\":\"user:someone-else\""));
        Path changed = Files.write(dir.resolve("changed.jsonl"), lines);

        Run run = verify(changed, checkpoint, publicKey.toString());

        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("FAILED").contains("entry " + seq + " was changed");
    }

    @Test
    void anExportCutBeforeTheCheckpointIsNamed() throws Exception {
        List<String> lines = Files.readAllLines(export);
        Path cut = Files.write(dir.resolve("cut.jsonl"), lines.subList(0, (int) checkpointSeq - 1));

        Run run = verify(cut, checkpoint, publicKey.toString());

        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("FAILED").contains("ends at entry " + (checkpointSeq - 2));
    }

    @Test
    void aCheckpointUnderAnotherKeyVouchesForNothing() throws Exception {
        String other = Base64.getEncoder()
                .encodeToString(KeyPairGenerator.getInstance("Ed25519")
                        .generateKeyPair()
                        .getPublic()
                        .getEncoded());

        Run run = verify(export, checkpoint, other);

        assertThat(run.exit()).as(run.output()).isEqualTo(1);
        assertThat(run.output()).contains("FAILED").contains("signature does not verify");
    }
}
