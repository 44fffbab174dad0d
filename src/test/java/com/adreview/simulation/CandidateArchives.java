package com.adreview.simulation;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/** Zip archives of candidate packs for tests: the shipped pack with a change, or entries as given. */
public final class CandidateArchives {

    private CandidateArchives() {}

    /** The shipped pack's files (without tests/ and README), path → text. */
    public static Map<String, String> shippedPack() {
        Path root = Path.of("policies");
        Map<String, String> files = new TreeMap<>();
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                String rel = root.relativize(p).toString().replace('\\', '/');
                if (rel.startsWith("tests/") || rel.endsWith(".md")) {
                    continue;
                }
                files.put(rel, Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }

    /** The shipped pack with one file changed, zipped under a top directory as `zip -r policies` would. */
    public static byte[] shippedWith(String file, UnaryOperator<String> change) {
        Map<String, String> files = shippedPack();
        String changed = change.apply(files.get(file));
        if (changed.equals(files.get(file))) {
            throw new IllegalArgumentException("the change changes nothing in " + file);
        }
        files.put(file, changed);
        Map<String, byte[]> entries = new TreeMap<>();
        files.forEach((k, v) -> entries.put("policies/" + k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return zip(entries);
    }

    /** The P2P capital minimum of the shipped pack (CNY 50 million) raised to {@code minimum}. */
    public static byte[] p2pCapitalRaisedTo(long minimum) {
        return shippedWith(
                "pack.yaml",
                yaml -> yaml.replaceFirst(
                        "(P2P_LENDING:\\n    minOperatingMonths: 24\\n    minCapital: )50000000", "$1" + minimum));
    }

    public static byte[] zip(Map<String, byte[]> entries) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                zip.putNextEntry(new ZipEntry(e.getKey()));
                zip.write(e.getValue());
                zip.closeEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The entries as a tar archive (ustar/PAX, as GNU tar writes), gzipped when asked. */
    public static byte[] tar(Map<String, byte[]> entries, boolean gzip) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (java.io.OutputStream sink = gzip ? new java.util.zip.GZIPOutputStream(out) : out;
                TarArchiveOutputStream tar = new TarArchiveOutputStream(sink, "UTF-8")) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (Map.Entry<String, byte[]> e : entries.entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(e.getKey());
                entry.setSize(e.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(e.getValue());
                tar.closeArchiveEntry();
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** The shipped pack under {@code policies/}, as {@code tar -czf} of the directory would hold it. */
    public static byte[] shippedTar(boolean gzip) {
        Map<String, byte[]> entries = new TreeMap<>();
        shippedPack()
                .forEach((k, v) -> entries.put("policies/" + k, v.getBytes(java.nio.charset.StandardCharsets.UTF_8)));
        return tar(entries, gzip);
    }
}
