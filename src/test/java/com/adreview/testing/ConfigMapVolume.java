package com.adreview.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/**
 * Lays out files the way the kubelet mounts a ConfigMap volume (its atomic writer): the data in a
 * hidden, timestamped directory, a {@code ..data} link to it, and one link per key through
 * {@code ..data}, so that a test sees what the service sees in a pod.
 */
public final class ConfigMapVolume {

    private ConfigMapVolume() {}

    /** Mounts {@code data} (key to content) as a ConfigMap volume at {@code mountPath}. */
    public static void mount(Path mountPath, Map<String, String> data) throws IOException {
        Path timestamped = Files.createDirectories(mountPath.resolve("..2025_11_22_06_00_00.123456789"));
        for (Map.Entry<String, String> entry : data.entrySet()) {
            Files.writeString(timestamped.resolve(entry.getKey()), entry.getValue(), StandardCharsets.UTF_8);
        }
        Files.createSymbolicLink(mountPath.resolve("..data"), timestamped.getFileName());
        for (String key : data.keySet()) {
            Files.createSymbolicLink(mountPath.resolve(key), Path.of("..data", key));
        }
    }

    /** Mounts one key of a ConfigMap as a single file ({@code subPath}): a plain file, no links. */
    public static void mountSubPath(Path mountPath, String content) throws IOException {
        Files.createDirectories(mountPath.getParent());
        Files.writeString(mountPath, content, StandardCharsets.UTF_8);
    }
}
