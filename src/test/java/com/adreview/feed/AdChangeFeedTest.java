package com.adreview.feed;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class AdChangeFeedTest {

    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final Instant SETTLED = NOW.minusSeconds(5);

    private static AdChange entry(long seq, Instant at) {
        return new AdChange(seq, at, "s" + seq, "ad", "acct", 1, null, "APPROVED", "SUBMISSION");
    }

    @Test
    void aContiguousRunIsReadWhole() {
        assertThat(AdChangeFeed.settledPrefix(List.of(entry(1, NOW), entry(2, NOW), entry(3, NOW)), 0, SETTLED))
                .extracting(AdChange::seq)
                .containsExactly(1L, 2L, 3L);
    }

    @Test
    void aReaderStopsBeforeANumberThatMayStillBeWritten() {
        assertThat(AdChangeFeed.settledPrefix(List.of(entry(1, NOW), entry(2, NOW), entry(4, NOW)), 0, SETTLED))
                .extracting(AdChange::seq)
                .containsExactly(1L, 2L);
        assertThat(AdChangeFeed.settledPrefix(List.of(entry(4, NOW)), 2, SETTLED))
                .isEmpty();
    }

    @Test
    void aNumberMissingPastTheSettleTimeWasAbandonedAndIsReadPast() {
        Instant old = NOW.minusSeconds(60);
        assertThat(AdChangeFeed.settledPrefix(List.of(entry(1, old), entry(3, old), entry(4, NOW)), 0, SETTLED))
                .extracting(AdChange::seq)
                .containsExactly(1L, 3L, 4L);
    }

    @Test
    void everyEntrySaysItsKindSoThatReadersCanSkipKindsTheyDoNotKnow() throws Exception {
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper()
                .findAndRegisterModules()
                .disable(com.fasterxml.jackson.databind.SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
        // As the webhook deliverer sends one entry, and as a page lists them.
        assertThat(json.writeValueAsString(entry(1, NOW)))
                .contains("\"kind\":\"AD_STATUS\"")
                .contains("\"to\":\"APPROVED\"");
        AuditCheckpoint checkpoint =
                new AuditCheckpoint(2, NOW, new AuditCheckpoint.Signed(7, "ab", NOW, "Ed25519", "key", "sig", "text"));
        String both = json.writeValueAsString(new AdChangeResource.ChangePage(List.of(entry(1, NOW), checkpoint), 2));
        assertThat(both)
                .contains("{\"kind\":\"AD_STATUS\",\"seq\":1")
                .contains("{\"kind\":\"AUDIT_CHECKPOINT\",\"seq\":2")
                .contains("\"checkpoint\":{\"seq\":7,\"hash\":\"ab\"");
    }
}
