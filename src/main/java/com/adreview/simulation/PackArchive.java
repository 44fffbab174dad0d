package com.adreview.simulation;

import com.adreview.api.FieldError;
import com.adreview.api.ProblemException;
import com.adreview.engine.PolicyPack;
import com.adreview.policy.PackProblem;
import com.adreview.policy.PolicyPackException;
import com.adreview.policy.PolicyPackLoader;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;

/**
 * A candidate policy pack sent as an archive — zip, tar or gzipped tar, told apart by their first bytes
 * (the files of {@code policies/}, at its root or under one top directory), unpacked into a private temporary directory and loaded by the same strict loader
 * as the pack in force. The archive is the attacker's: every name is checked before anything is
 * written (no absolute path, no {@code ..}, no backslash or control character, no drive letter, at most
 * eight levels), sizes are counted as the bytes come out (a declared size is not believed), the number
 * of entries and the unpacked total are bounded, a name given twice refuses the archive, and each entry
 * is written as a new regular file that must not exist — so no entry can become a link, and none can
 * write through one; a tar's links, devices and pipes refuse the archive. The directory is deleted before the answer is sent.
 */
final class PackArchive {

    /** What a valid archive makes: the compiled pack and its files (path → text), to store and rebuild it. */
    record Candidate(PolicyPack pack, Map<String, String> files) {}

    private static final Pattern SEGMENT = Pattern.compile("[\\p{L}\\p{N}._\\- ]{1,128}");
    private static final int MAX_DEPTH = 8;

    private final SimulationConfig config;

    PackArchive(SimulationConfig config) {
        this.config = config;
    }

    /** Unpacks and loads; a bad archive or an invalid pack is a 422 naming the file (and line) of each problem. */
    Candidate read(byte[] archive) {
        if (archive == null || archive.length == 0) {
            throw refused(
                    "The archive is empty",
                    List.of(new FieldError("body", "must be a zip, tar or gzipped tar archive of a pack")));
        }
        Map<String, byte[]> entries = unpack(archive);
        Map<String, String> files = new TreeMap<>();
        String root = commonRoot(entries.keySet());
        entries.forEach((name, bytes) -> files.put(name.substring(root.length()), text(name, bytes)));
        return new Candidate(load(files), files);
    }

    /** Rebuilds a stored candidate: the same files loaded the same way (on whichever instance runs it). */
    static PolicyPack load(Map<String, String> files) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory(
                    "adreview-candidate-",
                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            for (Map.Entry<String, String> f : files.entrySet()) {
                Path file = dir.resolve(f.getKey()).normalize();
                if (!file.startsWith(dir) || file.equals(dir)) {
                    throw new IllegalStateException("a candidate names a file outside it: " + f.getKey());
                }
                Files.createDirectories(file.getParent());
                if (Files.isSymbolicLink(file.getParent())) {
                    throw new IllegalStateException("a candidate's directory is a link: " + f.getKey());
                }
                // CREATE_NEW fails on anything already there, a link included: nothing is written through one.
                Files.writeString(
                        file,
                        f.getValue(),
                        StandardCharsets.UTF_8,
                        StandardOpenOption.CREATE_NEW,
                        StandardOpenOption.WRITE);
            }
            return new PolicyPackLoader().load(dir);
        } catch (PolicyPackException e) {
            throw refused(
                    "The candidate pack is invalid: " + e.problems().size() + " problem(s)",
                    e.problems().stream().map(PackArchive::error).toList());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            delete(dir);
        }
    }

    /** One entry of an archive as it comes out: its name, whether it is a directory, and its bytes to read. */
    private interface Entries extends AutoCloseable {
        /** The next entry's name (directories end in '/'), or null at the end; refuses what is not a file or directory. */
        String next() throws IOException;

        /** The current entry's content, to read until it ends. */
        InputStream content();

        @Override
        void close() throws IOException;
    }

    private Map<String, byte[]> unpack(byte[] archive) {
        Map<String, byte[]> out = new TreeMap<>();
        Set<String> directories = new HashSet<>();
        long total = 0;
        int count = 0;
        Format format = Format.of(archive);
        try (Entries entries = open(format, archive)) {
            for (String name; (name = entries.next()) != null; ) {
                if (++count > config.maxEntries()) {
                    throw refused(
                            "The archive holds too many entries",
                            List.of(new FieldError("body", "more than " + config.maxEntries() + " entries")));
                }
                String problem = badName(name);
                if (problem != null) {
                    throw refused("The archive names a file it may not", List.of(new FieldError(safe(name), problem)));
                }
                if (name.endsWith("/")) {
                    directories.add(name.substring(0, name.length() - 1));
                    continue;
                }
                if (out.containsKey(name) || directories.contains(name)) {
                    throw refused("The archive names a file twice", List.of(new FieldError(name, "given twice")));
                }
                byte[] bytes = readBounded(entries.content(), name, config.maxUnpackedBytes() - total);
                total += bytes.length;
                out.put(name, bytes);
            }
        } catch (ProblemException e) {
            throw e;
        } catch (RuntimeException e) {
            // A malformed header may surface as any unchecked exception of the reader: still the body's fault.
            throw unreadable(format, e);
        } catch (IOException e) {
            throw unreadable(format, e);
        }
        if (out.isEmpty()) {
            throw refused("The archive holds no file", List.of(new FieldError("body", "must hold the pack's files")));
        }
        for (String file : out.keySet()) {
            if (directories.contains(file)) {
                throw refused(
                        "The archive names a file twice", List.of(new FieldError(file, "both a file and a directory")));
            }
        }
        return out;
    }

    /** What the body is, told by its first bytes (a client's Content-Type is not believed). */
    enum Format {
        ZIP("zip"),
        TAR("tar"),
        GZIPPED_TAR("gzipped tar");

        final String label;

        Format(String label) {
            this.label = label;
        }

        static Format of(byte[] b) {
            if (b.length >= 4 && b[0] == 'P' && b[1] == 'K' && (b[2] == 3 || b[2] == 5) && (b[3] == 4 || b[3] == 6)) {
                return ZIP;
            }
            if (b.length >= 2 && (b[0] & 0xff) == 0x1f && (b[1] & 0xff) == 0x8b) {
                return GZIPPED_TAR;
            }
            if (b.length >= 262 && new String(b, 257, 5, StandardCharsets.US_ASCII).equals("ustar")) {
                return TAR;
            }
            throw refused(
                    "The body is not a readable archive",
                    List.of(new FieldError("body", "must be a zip, tar or gzipped tar archive of a pack")));
        }
    }

    private Entries open(Format format, byte[] archive) throws IOException {
        if (format == Format.ZIP) {
            ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive), StandardCharsets.UTF_8);
            return new Entries() {
                @Override
                public String next() throws IOException {
                    ZipEntry e = zip.getNextEntry();
                    return e == null ? null : e.getName();
                }

                @Override
                public InputStream content() {
                    return zip;
                }

                @Override
                public void close() throws IOException {
                    zip.close();
                }
            };
        }
        InputStream raw = new ByteArrayInputStream(archive);
        if (format == Format.GZIPPED_TAR) {
            // Everything the tar reader takes out is counted, its headers (and a PAX header's values) too:
            // a gzip bomb stops at the same bound as the files, plus room for the entries' headers.
            raw = new Bounded(new GZIPInputStream(raw), config.maxUnpackedBytes() + (config.maxEntries() + 4L) * 2048);
        }
        TarArchiveInputStream tar = new TarArchiveInputStream(raw, StandardCharsets.UTF_8.name());
        return new Entries() {
            @Override
            public String next() throws IOException {
                TarArchiveEntry e = tar.getNextEntry();
                if (e == null) {
                    return null;
                }
                byte type = e.getLinkFlag();
                boolean regular = type == TarConstants.LF_NORMAL
                        || type == TarConstants.LF_OLDNORM
                        || type == TarConstants.LF_CONTIG;
                if (!(regular && !e.isSparse()) && !e.isDirectory()) {
                    // Links, devices and pipes: a pack is files; a link could point anywhere.
                    throw refused(
                            "The archive holds an entry that is not a file or directory",
                            List.of(new FieldError(safe(e.getName()), "only files and directories may be in a pack")));
                }
                String name = e.getName();
                return e.isDirectory() && !name.endsWith("/") ? name + "/" : name;
            }

            @Override
            public InputStream content() {
                return tar;
            }

            @Override
            public void close() throws IOException {
                tar.close();
            }
        };
    }

    /** A stream that refuses to give more than a bound: what a compressed archive may unpack to. */
    private static final class Bounded extends java.io.FilterInputStream {
        private long left;

        Bounded(InputStream in, long bound) {
            super(in);
            this.left = bound;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            int n = super.read(b, off, len);
            if (n > 0 && (left -= n) < 0) {
                throw new IOException("the archive unpacks to more than its files may hold");
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            long skipped = super.skip(n);
            if ((left -= skipped) < 0) {
                throw new IOException("the archive unpacks to more than its files may hold");
            }
            return skipped;
        }
    }

    private static ProblemException unreadable(Format format, Exception e) {
        return refused(
                "The body is not a readable " + format.label + " archive",
                List.of(new FieldError("body", safe(e.getMessage()))));
    }

    private byte[] readBounded(InputStream in, String name, long left) throws IOException {
        long limit = Math.min(left, config.maxFileBytes());
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        for (int n; (n = in.read(buffer)) > 0; ) {
            if (out.size() + (long) n > limit) {
                throw refused(
                        "The archive unpacks to too much",
                        List.of(new FieldError(
                                name,
                                limit == left
                                        ? "the archive's files together are over " + config.maxUnpackedBytes()
                                                + " bytes"
                                        : "over " + config.maxFileBytes() + " bytes")));
            }
            out.write(buffer, 0, n);
        }
        return out.toByteArray();
    }

    /** Why a name may not be unpacked, or null. */
    static String badName(String name) {
        if (name.isEmpty() || name.length() > 512) {
            return "a name must have 1 to 512 characters";
        }
        if (name.startsWith("/") || name.contains("\\") || name.contains(":")) {
            return "must be a relative path with forward slashes";
        }
        String path = name.endsWith("/") ? name.substring(0, name.length() - 1) : name;
        String[] segments = path.split("/", -1);
        if (segments.length > MAX_DEPTH) {
            return "more than " + MAX_DEPTH + " levels deep";
        }
        for (String s : segments) {
            if (s.equals(".") || s.equals("..")) {
                return "must not step out of the pack ('.' or '..')";
            }
            if (!SEGMENT.matcher(s).matches()) {
                return "each part of a path must be 1 to 128 letters, digits, '.', '_', '-' or spaces";
            }
        }
        return null;
    }

    /** The one directory every file is under (an archive of the {@code policies} directory itself), or "". */
    private static String commonRoot(Set<String> names) {
        String first = names.iterator().next();
        int slash = first.indexOf('/');
        if (slash < 0) {
            return "";
        }
        String root = first.substring(0, slash + 1);
        return names.contains(root + "pack.yaml") && names.stream().allMatch(n -> n.startsWith(root)) ? root : "";
    }

    private static String text(String name, byte[] bytes) {
        var decoder = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT);
        try {
            return decoder.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw refused("A file of the archive is not text", List.of(new FieldError(name, "is not UTF-8 text")));
        }
    }

    private static FieldError error(PackProblem p) {
        String where = p.line() > 0 ? p.file() + ":" + p.line() : p.file();
        return new FieldError(where, p.rule() == null ? p.reason() : "rule '" + p.rule() + "': " + p.reason());
    }

    private static ProblemException refused(String detail, List<FieldError> errors) {
        return ProblemException.unprocessable(detail, errors);
    }

    /** A name or message from the archive, shortened and without control characters, to quote back. */
    private static String safe(String s) {
        if (s == null) {
            return "unreadable";
        }
        String clean = s.codePoints()
                .filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append)
                .toString();
        return clean.length() > 200 ? clean.substring(0, 200) + "…" : clean;
    }

    private static void delete(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> files = Files.walk(dir)) {
            files.sorted(Comparator.reverseOrder()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    // a temporary file left behind is harmless
                }
            });
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }
}
