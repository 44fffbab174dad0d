package com.adreview.simulation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.adreview.api.FieldError;
import com.adreview.api.ProblemException;
import com.adreview.engine.PolicyPack;
import com.adreview.policy.PolicyPackLoader;
import com.adreview.testing.Packs;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;

/** A candidate's archive is the attacker's: what it may hold, and what the loader then says of the pack. */
class PackArchiveTest {

    record Config(int maxEntries, long maxUnpackedBytes, long maxFileBytes) implements SimulationConfig {
        @Override
        public int maxRecentDays() {
            return 90;
        }

        @Override
        public int batchSize() {
            return 500;
        }

        @Override
        public Duration pollInterval() {
            return Duration.ofSeconds(1);
        }

        @Override
        public Duration leaseTtl() {
            return Duration.ofSeconds(60);
        }

        @Override
        public Duration retention() {
            return Duration.ofDays(30);
        }

        @Override
        public Duration shadowRefresh() {
            return Duration.ofSeconds(2);
        }

        @Override
        public int shadowQueue() {
            return 10_000;
        }

        @Override
        public int shadowMaxSamples() {
            return 1000;
        }
    }

    private final PackArchive archive = new PackArchive(new Config(500, 8 << 20, 2 << 20));

    private static List<FieldError> refusal(PackArchive a, byte[] zip) {
        ProblemException e = (ProblemException) org.assertj.core.api.Assertions.catchThrowable(() -> a.read(zip));
        assertThat(e).isNotNull();
        assertThat(e.status()).isEqualTo(422);
        return e.errors();
    }

    private static byte[] zipOf(String... nameAndText) {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        for (int i = 0; i < nameAndText.length; i += 2) {
            entries.put(nameAndText[i], nameAndText[i + 1].getBytes(StandardCharsets.UTF_8));
        }
        return CandidateArchives.zip(entries);
    }

    @Test
    void theShippedPackZippedUnderItsDirectoryIsTheSamePackAsOnDisk() throws Exception {
        PolicyPack onDisk = new PolicyPackLoader().load(Path.of("policies"));
        Map<String, byte[]> entries = new LinkedHashMap<>();
        CandidateArchives.shippedPack()
                .forEach((k, v) -> entries.put("policies/" + k, v.getBytes(StandardCharsets.UTF_8)));

        PackArchive.Candidate read = archive.read(CandidateArchives.zip(entries));

        assertThat(read.pack().version()).isEqualTo(onDisk.version());
        assertThat(read.files()).containsKey("pack.yaml").doesNotContainKey("policies/pack.yaml");
    }

    @Test
    void aChangedThresholdIsAnotherVersion() {
        PackArchive.Candidate read = archive.read(CandidateArchives.p2pCapitalRaisedTo(80_000_000));

        assertThat(read.files().get("pack.yaml")).contains("minCapital: 80000000");
        assertThat(read.pack()
                        .parameters()
                        .get(com.adreview.engine.Category.P2P_LENDING)
                        .get("minCapital"))
                .isEqualTo(80_000_000L);
    }

    @Test
    void anInvalidPackIsRefusedWithTheFileAndLineOfEachProblem() {
        byte[] zip = CandidateArchives.shippedWith(
                "rules/credentials.yaml", y -> y.replaceFirst("topic: CAPITAL_BELOW_MINIMUM", "topic: NO_SUCH_TOPIC"));

        List<FieldError> errors = refusal(archive, zip);

        assertThat(errors).anySatisfy(e -> {
            assertThat(e.field()).isEqualTo("rules/credentials.yaml:134");
            assertThat(e.message()).contains("capital-below-minimum").contains("NO_SUCH_TOPIC");
        });
    }

    @Test
    void namesThatStepOutOfThePackAreRefusedBeforeAnythingIsWritten() {
        for (String name : List.of(
                "../pack.yaml",
                "rules/../../etc/passwd",
                "/etc/passwd",
                "C:/pack.yaml",
                "rules\\..\\pack.yaml",
                "a/b/c/d/e/f/g/h/i.yaml",
                "rules/\u0000.yaml")) {
            List<FieldError> errors = refusal(archive, zipOf("pack.yaml", "name: x\n", name, "x: 1\n"));
            assertThat(errors).as(name).hasSize(1);
        }
    }

    @Test
    void aNameGivenTwiceOrAsBothFileAndDirectoryIsRefused() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry("rules/"));
            zip.closeEntry();
            zip.putNextEntry(new ZipEntry("rules"));
            zip.write("x".getBytes(StandardCharsets.UTF_8));
            zip.closeEntry();
        }
        assertThat(refusal(archive, out.toByteArray()))
                .extracting(FieldError::field)
                .containsExactly("rules");
    }

    @Test
    void sizesAreCountedAsTheBytesComeOutAndEntriesAreCounted() {
        // A zip bomb: a few kilobytes that unpack to 3 MB, more than one file may hold.
        Map<String, byte[]> bomb = Map.of("pack.yaml", new byte[3 << 20]);
        byte[] zip = CandidateArchives.zip(bomb);
        assertThat(zip.length).isLessThan(20_000);
        assertThat(refusal(archive, zip)).extracting(FieldError::message).allMatch(m -> m.contains("over"));

        PackArchive small = new PackArchive(new Config(3, 1000, 1000));
        assertThat(refusal(small, zipOf("a.yaml", "1", "b.yaml", "2", "c.yaml", "3", "d.yaml", "4")))
                .extracting(FieldError::message)
                .containsExactly("more than 3 entries");
        assertThat(refusal(small, zipOf("a.yaml", "x".repeat(600), "b.yaml", "y".repeat(600))))
                .extracting(FieldError::field)
                .containsExactly("b.yaml");
    }

    @Test
    void whatIsNotAZipOfTextIsRefused() {
        assertThat(refusal(archive, "not a zip".getBytes(StandardCharsets.UTF_8)))
                .extracting(FieldError::field)
                .containsExactly("body");
        assertThat(refusal(archive, new byte[0])).extracting(FieldError::field).containsExactly("body");
        Map<String, byte[]> binary = Map.of("pack.yaml", new byte[] {(byte) 0xff, (byte) 0xfe, 0});
        assertThat(refusal(archive, CandidateArchives.zip(binary)))
                .extracting(FieldError::message)
                .containsExactly("is not UTF-8 text");
        assertThatThrownBy(() -> archive.read(zipOf("rules/x.yaml", "rules: []\n")))
                .isInstanceOf(ProblemException.class)
                .hasMessageContaining("invalid");
    }

    @Test
    void aTarOrGzippedTarOfTheShippedPackIsTheSamePackAsItsZip() {
        PolicyPack zipped =
                archive.read(CandidateArchives.p2pCapitalRaisedTo(60_000_001)).pack();
        PolicyPack onDisk = Packs.shipped();

        assertThat(archive.read(CandidateArchives.shippedTar(false)).pack().version())
                .isEqualTo(onDisk.version());
        assertThat(archive.read(CandidateArchives.shippedTar(true)).pack().version())
                .isEqualTo(onDisk.version())
                .isNotEqualTo(zipped.version());
    }

    @Test
    void aTarsLinksDevicesAndUnsafeNamesAreRefused() throws Exception {
        for (byte type : new byte[] {TarConstants.LF_SYMLINK, TarConstants.LF_LINK, TarConstants.LF_FIFO}) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
                TarArchiveEntry link = new TarArchiveEntry("rules/x.yaml", type);
                if (type != TarConstants.LF_FIFO) {
                    link.setLinkName("/etc/passwd");
                }
                tar.putArchiveEntry(link);
                tar.closeArchiveEntry();
            }
            assertThat(refusal(archive, out.toByteArray()))
                    .as("type %c", (char) type)
                    .singleElement()
                    .satisfies(e -> {
                        assertThat(e.field()).isEqualTo("rules/x.yaml");
                        assertThat(e.message()).isEqualTo("only files and directories may be in a pack");
                    });
        }
        byte[] escaping =
                CandidateArchives.tar(Map.of("../pack.yaml", "name: x\n".getBytes(StandardCharsets.UTF_8)), true);
        assertThat(refusal(archive, escaping)).extracting(FieldError::field).containsExactly("../pack.yaml");
    }

    @Test
    void aGzippedTarIsBoundedAsItUnpacksAndGarbageIsNamedByFormat() {
        // 3 MB of zeros gzip to a few kilobytes: refused as over one file's bound, counted as it comes out.
        byte[] bomb = CandidateArchives.tar(Map.of("pack.yaml", new byte[3 << 20]), true);
        assertThat(bomb.length).isLessThan(20_000);
        assertThat(refusal(archive, bomb)).extracting(FieldError::message).allMatch(m -> m.contains("over"));

        // Whatever the headers say, the whole stream is bounded: 40 files of 2 MB against 1 KB in all.
        Map<String, byte[]> many = new LinkedHashMap<>();
        for (int i = 0; i < 40; i++) {
            many.put("rules/f" + i + ".yaml", new byte[2 << 20]);
        }
        PackArchive small = new PackArchive(new Config(500, 1000, 1000));
        assertThat(refusal(small, CandidateArchives.tar(many, true))).isNotEmpty();

        byte[] notGzip = {0x1f, (byte) 0x8b, 1, 2, 3, 4, 5};
        ProblemException e =
                (ProblemException) org.assertj.core.api.Assertions.catchThrowable(() -> archive.read(notGzip));
        assertThat(e.getMessage()).isEqualTo("The body is not a readable gzipped tar archive");
        assertThat(e.errors()).extracting(FieldError::field).containsExactly("body");
    }
}
