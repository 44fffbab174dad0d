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
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * A candidate policy pack sent as a zip archive (the files of {@code policies/}, at its root or under
 * one top directory), unpacked into a private temporary directory and loaded by the same strict loader
 * as the pack in force. The archive is the attacker's: every name is checked before anything is
 * written (no absolute path, no {@code ..}, no backslash or control character, no drive letter, at most
 * eight levels), sizes are counted as the bytes come out (a declared size is not believed), the number
 * of entries and the unpacked total are bounded, a name given twice refuses the archive, and each entry
 * is written as a new regular file that must not exist — so no entry can become a link, and none can
 * write through one. The directory is deleted before the answer is sent.
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
            throw refused("The archive is empty", List.of(new FieldError("body", "must be a zip archive of a pack")));
        }
        Map<String, byte[]> entries = unzip(archive);
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

    private Map<String, byte[]> unzip(byte[] archive) {
        Map<String, byte[]> out = new TreeMap<>();
        Set<String> directories = new HashSet<>();
        long total = 0;
        int count = 0;
        try (ZipInputStream zip = new ZipInputStream(new ByteArrayInputStream(archive), StandardCharsets.UTF_8)) {
            for (ZipEntry e; (e = zip.getNextEntry()) != null; ) {
                if (++count > config.maxEntries()) {
                    throw refused(
                            "The archive holds too many entries",
                            List.of(new FieldError("body", "more than " + config.maxEntries() + " entries")));
                }
                String name = e.getName();
                String problem = badName(name);
                if (problem != null) {
                    throw refused("The archive names a file it may not", List.of(new FieldError(safe(name), problem)));
                }
                if (e.isDirectory()) {
                    directories.add(name.substring(0, name.length() - 1));
                    continue;
                }
                if (out.containsKey(name) || directories.contains(name)) {
                    throw refused("The archive names a file twice", List.of(new FieldError(name, "given twice")));
                }
                byte[] bytes = readBounded(zip, name, config.maxUnpackedBytes() - total);
                total += bytes.length;
                out.put(name, bytes);
            }
        } catch (ZipException | IllegalArgumentException e) {
            throw refused(
                    "The body is not a readable zip archive", List.of(new FieldError("body", safe(e.getMessage()))));
        } catch (IOException e) {
            throw refused(
                    "The body is not a readable zip archive", List.of(new FieldError("body", safe(e.getMessage()))));
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
