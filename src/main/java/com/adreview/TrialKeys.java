package com.adreview;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jboss.logging.Logger;

/**
 * The signing keys of the one-command run (the packaged jar on its embedded store), so that none ships
 * with the code: each key that is not configured is generated on the first start into the data
 * directory, in a file only its owner may read, and read from there on every later start. A key file
 * that others may read, or that holds no key, stops the start: a key others could read may have been
 * copied. The production profile never gets here (it has no embedded store) and refuses to start
 * without configured keys.
 */
final class TrialKeys {

    static final String AUDIT_KEY = "adreview.audit.signing-key";
    static final String WEBHOOK_KEY = "adreview.webhook.signing-key";
    static final String AUDIT_FILE = "audit-signing.key";
    static final String WEBHOOK_FILE = "webhook-signing.key";

    private static final Logger LOG = Logger.getLogger(TrialKeys.class);
    private static final int KEY_BYTES = 32;
    private static final Set<PosixFilePermission> OWNER_ONLY =
            EnumSet.of(PosixFilePermission.OWNER_READ, PosixFilePermission.OWNER_WRITE);

    private record Key(String property, String file) {}

    private static final List<Key> KEYS = List.of(new Key(AUDIT_KEY, AUDIT_FILE), new Key(WEBHOOK_KEY, WEBHOOK_FILE));

    private TrialKeys() {}

    /**
     * The keys to give the application: for each signing key not among {@code configured}, its value
     * (base64 of 32 random bytes) from its file in {@code dataDirectory}, generated first if missing.
     *
     * @throws IllegalStateException when a key file exists but others may read it or it holds no key
     */
    static Map<String, String> provide(Path dataDirectory, Set<String> configured) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (Key key : KEYS) {
            if (!configured.contains(key.property())) {
                keys.put(key.property(), readOrCreate(dataDirectory.resolve(key.file()), key.property()));
            }
        }
        return keys;
    }

    private static String readOrCreate(Path file, String property) {
        try {
            if (!Files.exists(file)) {
                create(file);
                LOG.infof(
                        "Generated %s for this data directory in %s (owner-only); it is used on every later"
                                + " start. Configure the key to use another.",
                        property, file.toAbsolutePath());
            }
            return read(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create the key file " + file.toAbsolutePath(), e);
        }
    }

    /**
     * Writes a new key to a temporary file created owner-only (never readable by others, not even for
     * a moment), then moves it into place. Only one process uses a data directory at a time (the store
     * file is locked before this runs), so no other start races this one.
     */
    private static void create(Path file) throws IOException {
        Path dir = file.toAbsolutePath().getParent();
        Files.createDirectories(dir);
        byte[] key = new byte[KEY_BYTES];
        new SecureRandom().nextBytes(key);
        Path temporary = posix(dir)
                ? Files.createTempFile(dir, ".key-", ".tmp", PosixFilePermissions.asFileAttribute(OWNER_ONLY))
                : Files.createTempFile(dir, ".key-", ".tmp");
        try (FileChannel out = FileChannel.open(temporary, StandardOpenOption.WRITE)) {
            out.write(ByteBuffer.wrap(
                    (Base64.getEncoder().encodeToString(key) + "\n").getBytes(StandardCharsets.US_ASCII)));
            out.force(true);
        }
        try {
            Files.move(temporary, file, StandardCopyOption.ATOMIC_MOVE);
        } catch (FileAlreadyExistsException e) {
            Files.deleteIfExists(temporary);
        }
    }

    private static String read(Path file) throws IOException {
        if (posix(file.toAbsolutePath().getParent())) {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
            if (!OWNER_ONLY.containsAll(permissions)) {
                throw new IllegalStateException("The key file " + file.toAbsolutePath() + " may be read by others ("
                        + PosixFilePermissions.toString(permissions) + "): the key may have been copied. If it"
                        + " has not, make it owner-only (chmod 600 " + file.toAbsolutePath() + "); if it may"
                        + " have, remove the file and a new key is generated at the next start.");
            }
        }
        String text = Files.readString(file, StandardCharsets.US_ASCII).strip();
        byte[] key;
        try {
            key = Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            key = new byte[0];
        }
        if (key.length != KEY_BYTES) {
            throw new IllegalStateException("The key file " + file.toAbsolutePath() + " does not hold a key (the"
                    + " base64 of " + KEY_BYTES + " bytes). Remove it and a new key is generated at the next start.");
        }
        return text;
    }

    private static boolean posix(Path dir) throws IOException {
        return Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
    }
}
