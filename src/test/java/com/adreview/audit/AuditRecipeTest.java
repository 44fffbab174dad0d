package com.adreview.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.adreview.testing.Api;
import com.adreview.testing.EmbeddedStoreResource;
import com.adreview.testing.TestPackages;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.bson.Document;
import org.junit.jupiter.api.Test;

/**
 * The README's recipe for recomputing the audit chain from an export (The audit trail, "Recomputing the
 * chain yourself"), followed step by step with nothing of the service's code: JSON parsing, SHA-256 and
 * Ed25519 from the JDK. It verifies the service's export, and names the entry of an export changed by one
 * character.
 */
@QuarkusTest
@WithTestResource(EmbeddedStoreResource.class)
class AuditRecipeTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);

    @Inject
    AuditTrail trail;

    @Inject
    CheckpointService checkpoints;

    @Test
    void theReadmeRecipeVerifiesAnExportAndFindsAChangedEntry() throws Exception {
        Api.submitted(TestPackages.example("01-approved-p2p").asNewEntity());
        String key = "recipe-test:" + UUID.randomUUID();
        trail.append(new AuditEvent(
                key,
                Instant.parse("2026-12-01T08:00:00.120Z"),
                "user:审计",
                AuditAction.STATUS_CHANGED,
                "submission:" + key,
                new Document("amount", 30000.0).append("text", "引号\"换行\n控制\u0001 斜杠/ é"),
                new Document("fraction", 0.1).append("Zebra", true).append("apple", List.of(1, 2.50)),
                "sha256:abc"));
        checkpoints.checkpoint().orElseThrow();
        // The checkpoint before the export: the export then holds the entry it pins.
        JsonNode checkpoint = JSON.readTree(Api.auditor()
                .get("/v1/audit/checkpoints/latest")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        List<String> export = Api.auditor()
                .get("/v1/audit/export")
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .lines()
                .toList();
        String publicKey = Api.auditor()
                .get("/v1/audit/public-key")
                .then()
                .statusCode(200)
                .extract()
                .path("publicKey");

        assertThat(recompute(export, checkpoint, publicKey)).isEqualTo("verified");

        // One character of one entry changed (a digit of an amount, say): its hash no longer matches.
        List<String> changed = new ArrayList<>(export);
        int victim = 1;
        while (!changed.get(victim).contains(key)) {
            victim++;
        }
        changed.set(victim, changed.get(victim).replace("\"amount\":30000", "\"amount\":30001"));
        assertThat(changed.get(victim)).isNotEqualTo(export.get(victim));
        assertThat(recompute(changed, checkpoint, publicKey))
                .startsWith("entry ")
                .contains("hash does not match");
    }

    /** The README's steps, in its order; "verified" or the first problem. */
    private static String recompute(List<String> lines, JsonNode checkpoint, String publicKeyBase64) throws Exception {
        // 1. The first line is the header.
        JsonNode header = JSON.readTree(lines.get(0));
        if (!header.path("format").asText().equals("adreview-audit-export")
                || header.path("version").asInt() != 1) {
            return "not an export of version 1";
        }
        String previous = null;
        long previousSeq = 0;
        Map<Long, String> hashes = new TreeMap<>();
        for (String line : lines.subList(1, lines.size())) {
            // 2. Every other line is {"seq", "hash", "entry"}.
            JsonNode row = JSON.readTree(line);
            long seq = row.get("seq").asLong();
            JsonNode entry = row.get("entry");
            // 3. hash = lowercase hex SHA-256 of the UTF-8 bytes of canonical(entry).
            String hash = HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(canonical(entry).getBytes(StandardCharsets.UTF_8)));
            if (!hash.equals(row.get("hash").asText())) {
                return "entry " + seq + ": hash does not match";
            }
            // 4. entry._id is the seq; prevHash links to the entry before (64 zeros for entry 1).
            if (entry.get("_id").asLong() != seq) {
                return "entry " + seq + ": _id is not its seq";
            }
            if (seq == 1 && !entry.get("prevHash").asText().equals("0".repeat(64))) {
                return "entry 1 does not start the chain";
            }
            if (previous != null
                    && seq == previousSeq + 1
                    && !entry.get("prevHash").asText().equals(previous)) {
                return "entry " + seq + " does not follow entry " + previousSeq;
            }
            if (previous != null && seq != previousSeq + 1) {
                return "entries " + (previousSeq + 1) + "–" + (seq - 1) + " are missing";
            }
            previous = hash;
            previousSeq = seq;
            hashes.put(seq, hash);
        }
        // 5. The checkpoint: its hash is the hash of the entry at its seq, and its signature verifies.
        long seq = checkpoint.get("seq").asLong();
        if (!checkpoint.get("hash").asText().equals(hashes.get(seq))) {
            return "the checkpoint does not pin entry " + seq + " of this export";
        }
        String message = "adreview-audit-checkpoint\nseq=" + seq + "\nhash="
                + checkpoint.get("hash").asText() + "\nat="
                + checkpoint.get("at").asText();
        PublicKey key = KeyFactory.getInstance("Ed25519")
                .generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(publicKeyBase64)));
        Signature ed25519 = Signature.getInstance("Ed25519");
        ed25519.initVerify(key);
        ed25519.update(message.getBytes(StandardCharsets.UTF_8));
        if (!ed25519.verify(
                Base64.getDecoder().decode(checkpoint.get("signature").asText()))) {
            return "the checkpoint's signature does not verify";
        }
        return "verified";
    }

    /** The README's canonical JSON, written from its words. */
    private static String canonical(JsonNode node) {
        StringBuilder out = new StringBuilder();
        write(out, node);
        return out.toString();
    }

    private static void write(StringBuilder out, JsonNode node) {
        if (node.isObject()) {
            TreeMap<String, JsonNode> sorted = new TreeMap<>(); // String order: UTF-16 code units
            for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                sorted.put(e.getKey(), e.getValue());
            }
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : sorted.entrySet()) {
                out.append(first ? "" : ",");
                first = false;
                string(out, e.getKey());
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else if (node.isArray()) {
            out.append('[');
            for (int i = 0; i < node.size(); i++) {
                out.append(i == 0 ? "" : ",");
                write(out, node.get(i));
            }
            out.append(']');
        } else if (node.isNumber()) {
            BigDecimal d = node.decimalValue();
            out.append(d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString());
        } else if (node.isTextual()) {
            string(out, node.asText());
        } else {
            out.append(node.toString()); // true, false, null
        }
    }

    /** The recipe's string escape; also the reference CanonicalJsonTest holds the service's writer to. */
    static void string(StringBuilder out, String s) {
        out.append('"');
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }
}
