package com.adreview.audit;

import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import org.bson.Document;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The export's format, made to be checked without the service: a header line that says what the file
 * is and how to check it, then one line per entry, {@code {"seq":…,"hash":…,"entry":{…}}}, where
 * {@code entry} is exactly what {@code hash} covers, written in that very encoding (the canonical JSON
 * of the stored entry, every field but the hash). {@code tools/Verify.java} checks it.
 */
@ApplicationScoped
public class AuditExport {

    static final String FORMAT = "adreview-audit-export";
    static final int VERSION = 1;

    private final AuditTrail trail;
    private final ObjectMapper json;
    private final Clock clock;

    public AuditExport(AuditTrail trail, ObjectMapper json, Clock clock) {
        this.trail = trail;
        this.json = json;
        this.clock = clock;
    }

    /** The export of the entries recorded in the time range (null: unbounded), written as it is read. */
    public StreamingOutput of(Instant from, Instant to) {
        Header header = Header.of(clock.instant().truncatedTo(ChronoUnit.MILLIS), from, to);
        return out -> {
            BufferedWriter writer = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
            try {
                writer.write(json.writeValueAsString(header));
                writer.write('\n');
                trail.forEach(from, to, entry -> {
                    try {
                        writer.write(line(entry));
                        writer.write('\n');
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
            } finally {
                writer.flush();
            }
        };
    }

    /** The first line of an export. */
    @Schema(name = "AuditExportHeader", description = "The first line of an export: what it is and how to check it.")
    record Header(
            @Schema(description = "adreview-audit-export.") String format,
            @Schema(description = "1.") int version,
            @Schema(description = "When the export was made.") Instant exportedAt,
            @Schema(description = "The time range asked for; absent: from the first entry.") Instant from,
            @Schema(description = "The time range asked for; absent: to the last entry.") Instant to,
            @Schema(description = "What the other lines are.") String lines,
            @Schema(description = "How each line's hash is computed.") String hash,
            @Schema(description = "The canonical JSON encoding, in words.") String canonicalJson,
            @Schema(description = "How the entries link.") String chain,
            @Schema(description = "What a checkpoint signs, and what it vouches for.") String checkpoint) {

        static Header of(Instant exportedAt, Instant from, Instant to) {
            return new Header(
                    FORMAT,
                    VERSION,
                    exportedAt,
                    from,
                    to,
                    "Each line after this one is an entry of the trail, in trail order: {\"seq\":<seq>,\"hash\":<hash>,"
                            + "\"entry\":<the entry>}. Without from and to, the export is the whole trail, from entry 1."
                            + " With them it holds the entries recorded in that time, which need not be contiguous.",
                    "hash = SHA-256, lowercase hex, of the UTF-8 bytes of the canonical JSON of entry (as written"
                            + " here, entry is already in that form).",
                    "Canonical JSON: no white space; object members sorted by name, names compared as sequences of"
                            + " UTF-16 code units; strings escape only \" \\ \\n \\r \\t (as such) and other characters"
                            + " below U+0020 (as \\u00xx, lowercase hex), every other character written as itself;"
                            + " numbers in their shortest exact decimal form, without exponent, sign only when"
                            + " negative, no fractional part when integral (5.0 is 5, -0 is 0, 1e20 is"
                            + " 100000000000000000000, 1.50 is 1.5); true, false, null.",
                    "entry._id is the seq; entry.prevHash is the hash of the entry before it, 64 zeros for entry 1;"
                            + " entry.at and every date inside are ISO-8601 instants in UTC.",
                    "A checkpoint (GET /v1/audit/checkpoints/latest, or the feed's AUDIT_CHECKPOINT entries) is an"
                            + " Ed25519 signature, under the service's public key (GET /v1/audit/public-key), of"
                            + " the UTF-8 text adreview-audit-checkpoint\\nseq=<seq>\\nhash=<hash of entry"
                            + " seq>\\nat=<at, ISO-8601>. The entry it pins, and through prevHash every entry before"
                            + " it, are as signed when the export holds that entry with that hash.");
        }
    }

    /** The line of one stored entry: its seq, its stored hash, and exactly what that hash covers. */
    static String line(Document stored) {
        Document covered = new Document(stored);
        covered.remove("hash");
        return "{\"seq\":" + CanonicalJson.of(stored.get("_id")) + ",\"hash\":" + CanonicalJson.of(stored.get("hash"))
                + ",\"entry\":" + CanonicalJson.of(covered) + "}";
    }
}
