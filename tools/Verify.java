import java.io.BufferedReader;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Checks an export of the ad-review engine's audit trail against a signed checkpoint, with nothing but
 * the service's public key and a JDK (17 or later); neither the service nor its store is needed.
 *
 * <pre>
 *   java tools/Verify.java audit.jsonl checkpoint.json public-key
 * </pre>
 *
 * <ul>
 *   <li>{@code audit.jsonl}: {@code GET /v1/audit/export} (without from/to: the whole trail)
 *   <li>{@code checkpoint.json}: {@code GET /v1/audit/checkpoints/latest}, or a feed entry of kind
 *       AUDIT_CHECKPOINT as a reader or webhook subscriber received it
 *   <li>{@code public-key}: a file, or the text itself: the PEM or the base64 (X.509) of
 *       {@code GET /v1/audit/public-key}, or that answer's JSON; take it from where the operator
 *       published it, not from the checkpoint
 * </ul>
 *
 * <p>It recomputes every entry's hash from the entry as exported (SHA-256 of its canonical JSON),
 * checks every link (each entry's prevHash is the hash of the entry before it), checks the checkpoint's
 * Ed25519 signature under the key, and that the export holds, at the checkpoint's seq, the entry it
 * signed. Exit status: 0 verified, 1 something does not check out (the first problem is named), 2 an
 * input cannot be read.
 */
public class Verify {

    private static final String FORMAT = "adreview-audit-export";
    private static final String GENESIS = "0".repeat(64);

    /** Something does not check out. */
    static final class Failed extends Exception {
        Failed(String message) {
            super(message);
        }
    }

    /** An input is not what it should be. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message);
        }
    }

    public static void main(String[] args) {
        PrintStream out = new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8);
        if (args.length != 3) {
            out.println("usage: java tools/Verify.java <export.jsonl> <checkpoint.json> <public key: file or text>");
            System.exit(2);
        }
        try {
            PublicKey key = publicKey(args[2]);
            Checkpoint checkpoint = checkpoint(path(args[1]), key);
            out.println(verify(path(args[0]), checkpoint));
            System.exit(0);
        } catch (Failed e) {
            out.println("FAILED: " + e.getMessage());
            System.exit(1);
        } catch (Unreadable e) {
            out.println("UNREADABLE: " + e.getMessage());
            System.exit(2);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // The key and the checkpoint

    static PublicKey publicKey(String arg) throws Unreadable {
        String text = arg;
        try {
            Path file = Path.of(arg);
            if (Files.isRegularFile(file)) {
                text = Files.readString(file, StandardCharsets.UTF_8);
            }
        } catch (InvalidPathException | IOException e) {
            // not a file: the key itself
        }
        text = text.strip();
        if (text.startsWith("{")) {
            Object key = object(parse(text, "the public key")).get("publicKey");
            if (!(key instanceof String s)) {
                throw new Unreadable("the public key's JSON has no publicKey");
            }
            text = s;
        }
        text = text.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", "").replaceAll("\\s", "");
        try {
            return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(Base64.getDecoder().decode(text)));
        } catch (IllegalArgumentException | GeneralSecurityException e) {
            throw new Unreadable("the public key is not an Ed25519 public key (PEM, or X.509 in base64)");
        }
    }

    record Checkpoint(long seq, String hash, String at) {}

    /** Reads the checkpoint and checks its signature under the key. */
    static Checkpoint checkpoint(Path file, PublicKey key) throws Unreadable, Failed {
        Map<String, Object> c = object(parse(read(file), "the checkpoint"));
        if (c.get("checkpoint") instanceof Map<?, ?>) {
            c = object(c.get("checkpoint")); // as the feed delivers it
        }
        long seq = seq(c.get("seq"), "the checkpoint's seq");
        String hash = text(c.get("hash"), "the checkpoint's hash");
        String at;
        try {
            at = OffsetDateTime.parse(text(c.get("at"), "the checkpoint's at")).toInstant().toString();
        } catch (DateTimeParseException e) {
            throw new Unreadable("the checkpoint's at is not an ISO-8601 instant");
        }
        String message = "adreview-audit-checkpoint\nseq=" + seq + "\nhash=" + hash + "\nat=" + at;
        if (c.get("message") != null && !message.equals(c.get("message"))) {
            throw new Failed("the checkpoint's message is not the text its seq, hash and at make");
        }
        byte[] signature;
        try {
            signature = Base64.getDecoder().decode(text(c.get("signature"), "the checkpoint's signature"));
        } catch (IllegalArgumentException e) {
            throw new Unreadable("the checkpoint's signature is not base64");
        }
        boolean valid;
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initVerify(key);
            ed.update(message.getBytes(StandardCharsets.UTF_8));
            valid = ed.verify(signature);
        } catch (GeneralSecurityException e) {
            valid = false;
        }
        if (!valid) {
            throw new Failed("the checkpoint's signature does not verify under the public key given: it was not"
                    + " signed with that key, or it was altered");
        }
        return new Checkpoint(seq, hash, at);
    }

    // ---------------------------------------------------------------------------------------------
    // The export

    static String verify(Path export, Checkpoint checkpoint) throws Unreadable, Failed {
        try (BufferedReader lines = Files.newBufferedReader(export, StandardCharsets.UTF_8)) {
            String first = lines.readLine();
            if (first == null) {
                throw new Unreadable(export + " is empty");
            }
            Map<String, Object> header = object(parse(first, "the export's header"));
            if (!FORMAT.equals(header.get("format")) || !BigDecimal.ONE.equals(header.get("version"))) {
                throw new Unreadable(export + " is not an export of format " + FORMAT + ", version 1");
            }
            boolean whole = header.get("from") == null && header.get("to") == null;
            long count = 0;
            long firstSeq = 0;
            long previousSeq = 0;
            String previousHash = null;
            long runStart = 0;
            long gaps = 0;
            String pinned = null;
            long pinnedRunStart = 0;
            int number = 1;
            for (String line = lines.readLine(); line != null; line = lines.readLine()) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                Map<String, Object> row = object(parse(line, "line " + number));
                long seq = seq(row.get("seq"), "the seq of line " + number);
                String hash = text(row.get("hash"), "the hash of line " + number);
                Map<String, Object> entry = object(row.get("entry"));
                if (!BigDecimal.valueOf(seq).equals(entry.get("_id"))) {
                    throw new Failed("line " + number + ": entry._id is not its seq " + seq);
                }
                if (!sha256(canonical(entry)).equals(hash)) {
                    throw new Failed("entry " + seq + " was changed: its content does not match its hash");
                }
                if (count == 0) {
                    firstSeq = seq;
                    runStart = seq;
                    if (whole && seq != 1) {
                        throw new Failed("entry 1 is missing: the export of the whole trail starts at entry " + seq);
                    }
                    if (seq == 1 && !GENESIS.equals(entry.get("prevHash"))) {
                        throw new Failed("entry 1 does not start the chain: its prevHash is not 64 zeros");
                    }
                } else if (seq <= previousSeq) {
                    throw new Failed("line " + number + ": entry " + seq + " comes after entry " + previousSeq);
                } else if (seq == previousSeq + 1) {
                    if (!previousHash.equals(entry.get("prevHash"))) {
                        throw new Failed("entry " + seq + " does not follow entry " + previousSeq
                                + ": its prevHash is not that entry's hash");
                    }
                } else if (whole) {
                    throw new Failed("entry " + (previousSeq + 1) + " is missing");
                } else {
                    // A time range need not be contiguous: links are checked again from here.
                    gaps++;
                    runStart = seq;
                }
                if (seq == checkpoint.seq()) {
                    pinned = hash;
                    pinnedRunStart = runStart;
                }
                previousSeq = seq;
                previousHash = hash;
                count++;
            }
            if (count == 0) {
                throw new Failed("the export holds no entry");
            }
            if (checkpoint.seq() > previousSeq) {
                throw new Failed("the export ends at entry " + previousSeq + ", before entry " + checkpoint.seq()
                        + " the checkpoint signed: it was cut short, or made before the checkpoint");
            }
            if (checkpoint.seq() < firstSeq) {
                throw new Failed("the checkpoint pins entry " + checkpoint.seq() + ", before the export's first entry "
                        + firstSeq + ": it vouches for none of it");
            }
            if (pinned == null) {
                throw new Failed("entry " + checkpoint.seq() + ", which the checkpoint signed, is not in the export");
            }
            if (!pinned.equals(checkpoint.hash())) {
                throw new Failed("entry " + checkpoint.seq() + " is not the entry the checkpoint signed: the trail was"
                        + " rewritten at or before entry " + checkpoint.seq());
            }
            StringBuilder report = new StringBuilder("VERIFIED: ")
                    .append(count == 1 ? "entry " + firstSeq : count + " entries, " + range(firstSeq, previousSeq))
                    .append(": every hash recomputed, every link checked")
                    .append(gaps == 0 ? "." : " (" + gaps + " gap(s) in the time range; links checked within each run).")
                    .append("\nThe checkpoint of entry ")
                    .append(checkpoint.seq())
                    .append(" (signed at ")
                    .append(checkpoint.at())
                    .append(") verifies under the public key and pins that entry: ")
                    .append(
                            pinnedRunStart == checkpoint.seq()
                                    ? "entry " + checkpoint.seq() + " is"
                                    : "entries " + range(pinnedRunStart, checkpoint.seq()) + " are")
                    .append(" vouched for")
                    .append(pinnedRunStart == 1 ? " (the whole trail up to it)." : ".");
            long after = previousSeq - checkpoint.seq();
            if (after > 0) {
                report.append(after == 1 ? "\nEntry " : "\nEntries ")
                        .append(range(checkpoint.seq() + 1, previousSeq))
                        .append(after == 1 ? ", after the checkpoint, checks" : " (" + after + "), after the checkpoint, check")
                        .append(", but nothing signed vouches for ")
                        .append(after == 1 ? "it" : "them")
                        .append(" yet: verify again with a later checkpoint.");
            }
            return report.toString();
        } catch (IOException e) {
            throw new Unreadable("cannot read " + export + ": " + e.getMessage());
        }
    }

    private static String range(long from, long to) {
        return from == to ? Long.toString(from) : from + "–" + to;
    }

    // ---------------------------------------------------------------------------------------------
    // The canonical encoding the hashes are computed over (README, "The audit trail")

    /**
     * No white space; object members sorted by name (as UTF-16 code units); strings escaping only
     * {@code " \ LF CR TAB} (as backslash-quote, backslash-backslash, backslash-n, -r, -t) and other
     * characters below U+0020 (as backslash-u00xx, lowercase hex); numbers in their shortest
     * exact decimal form without exponent; true, false, null.
     */
    static String canonical(Object value) {
        StringBuilder out = new StringBuilder(256);
        write(out, value);
        return out.toString();
    }

    private static void write(StringBuilder out, Object value) {
        if (value == null) {
            out.append("null");
        } else if (value instanceof String s) {
            string(out, s);
        } else if (value instanceof Boolean b) {
            out.append(b.booleanValue());
        } else if (value instanceof BigDecimal d) {
            out.append(d.signum() == 0 ? "0" : d.stripTrailingZeros().toPlainString());
        } else if (value instanceof Map<?, ?> map) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<?, ?> e : new TreeMap<>(map).entrySet()) {
                if (!first) {
                    out.append(',');
                }
                first = false;
                string(out, (String) e.getKey());
                out.append(':');
                write(out, e.getValue());
            }
            out.append('}');
        } else if (value instanceof List<?> list) {
            out.append('[');
            for (int i = 0; i < list.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                write(out, list.get(i));
            }
            out.append(']');
        } else {
            throw new IllegalStateException("not a JSON value: " + value.getClass());
        }
    }

    private static void string(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
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

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("SHA-256 is required of every JVM", e);
        }
    }

    // ---------------------------------------------------------------------------------------------
    // A strict JSON reader (RFC 8259): objects as maps (a repeated name is refused), arrays as lists,
    // numbers as BigDecimal (exactly as written), strings, booleans, null.

    static Object parse(String text, String what) throws Unreadable {
        Reader reader = new Reader(text, what);
        reader.space();
        Object value = reader.value();
        reader.space();
        if (reader.at < text.length()) {
            throw reader.error("trailing characters");
        }
        return value;
    }

    private static final class Reader {
        private final String text;
        private final String what;
        private int at;

        Reader(String text, String what) {
            this.text = text;
            this.what = what;
        }

        Unreadable error(String problem) {
            return new Unreadable(what + " is not valid JSON: " + problem + " at character " + (at + 1));
        }

        void space() {
            while (at < text.length() && " \t\r\n".indexOf(text.charAt(at)) >= 0) {
                at++;
            }
        }

        char peek() throws Unreadable {
            if (at >= text.length()) {
                throw error("unexpected end");
            }
            return text.charAt(at);
        }

        void expect(char c) throws Unreadable {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            at++;
        }

        Object value() throws Unreadable {
            char c = peek();
            if (c == '{') {
                return object();
            } else if (c == '[') {
                return array();
            } else if (c == '"') {
                return string();
            } else if (c == '-' || (c >= '0' && c <= '9')) {
                return number();
            } else if (text.startsWith("true", at)) {
                at += 4;
                return Boolean.TRUE;
            } else if (text.startsWith("false", at)) {
                at += 5;
                return Boolean.FALSE;
            } else if (text.startsWith("null", at)) {
                at += 4;
                return null;
            }
            throw error("unexpected '" + c + "'");
        }

        Map<String, Object> object() throws Unreadable {
            expect('{');
            Map<String, Object> map = new LinkedHashMap<>();
            space();
            if (peek() == '}') {
                at++;
                return map;
            }
            while (true) {
                space();
                String name = string();
                if (map.containsKey(name)) {
                    throw error("the name \"" + name + "\" appears twice");
                }
                space();
                expect(':');
                space();
                map.put(name, value());
                space();
                if (peek() == ',') {
                    at++;
                } else {
                    expect('}');
                    return map;
                }
            }
        }

        List<Object> array() throws Unreadable {
            expect('[');
            List<Object> list = new ArrayList<>();
            space();
            if (peek() == ']') {
                at++;
                return list;
            }
            while (true) {
                space();
                list.add(value());
                space();
                if (peek() == ',') {
                    at++;
                } else {
                    expect(']');
                    return list;
                }
            }
        }

        String string() throws Unreadable {
            expect('"');
            StringBuilder out = new StringBuilder();
            while (true) {
                char c = peek();
                at++;
                if (c == '"') {
                    return out.toString();
                } else if (c < 0x20) {
                    throw error("a control character in a string");
                } else if (c != '\\') {
                    out.append(c);
                    continue;
                }
                char e = peek();
                at++;
                switch (e) {
                    case '"' -> out.append('"');
                    case '\\' -> out.append('\\');
                    case '/' -> out.append('/');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'n' -> out.append('\n');
                    case 'r' -> out.append('\r');
                    case 't' -> out.append('\t');
                    case 'u' -> {
                        if (at + 4 > text.length()) {
                            throw error("a short \\u escape");
                        }
                        try {
                            out.append((char) Integer.parseInt(text.substring(at, at + 4), 16));
                        } catch (NumberFormatException x) {
                            throw error("a bad \\u escape");
                        }
                        at += 4;
                    }
                    default -> throw error("a bad escape \\" + e);
                }
            }
        }

        BigDecimal number() throws Unreadable {
            int start = at;
            if (peek() == '-') {
                at++;
            }
            if (peek() == '0') {
                at++;
            } else {
                digits();
            }
            if (at < text.length() && text.charAt(at) == '.') {
                at++;
                digits();
            }
            if (at < text.length() && (text.charAt(at) == 'e' || text.charAt(at) == 'E')) {
                at++;
                if (at < text.length() && (text.charAt(at) == '+' || text.charAt(at) == '-')) {
                    at++;
                }
                digits();
            }
            return new BigDecimal(text.substring(start, at));
        }

        private void digits() throws Unreadable {
            int start = at;
            while (at < text.length() && text.charAt(at) >= '0' && text.charAt(at) <= '9') {
                at++;
            }
            if (at == start) {
                throw error("a number without digits");
            }
        }
    }

    // ---------------------------------------------------------------------------------------------

    private static Path path(String arg) throws Unreadable {
        try {
            return Path.of(arg);
        } catch (InvalidPathException e) {
            throw new Unreadable("not a file: " + arg);
        }
    }

    private static String read(Path file) throws Unreadable {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new Unreadable("cannot read " + file + ": " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> object(Object value) throws Unreadable {
        if (!(value instanceof Map<?, ?>)) {
            throw new Unreadable("expected a JSON object");
        }
        return (Map<String, Object>) value;
    }

    private static long seq(Object value, String what) throws Unreadable {
        if (value instanceof BigDecimal d) {
            try {
                long seq = d.longValueExact();
                if (seq > 0) {
                    return seq;
                }
            } catch (ArithmeticException e) {
                // reported below
            }
        }
        throw new Unreadable(what + " is not a positive whole number");
    }

    private static String text(Object value, String what) throws Unreadable {
        if (value instanceof String s) {
            return s;
        }
        throw new Unreadable(what + " is missing or not a string");
    }
}
