package com.adreview.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import io.netty.channel.ConnectTimeoutException;
import io.vertx.core.VertxException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.security.cert.CertificateException;
import javax.net.ssl.SSLHandshakeException;
import org.junit.jupiter.api.Test;

/** The delivery log shows classes, never the text of an exception, old entries included. */
class DeliveryErrorTest {

    @Test
    void failuresAreClassifiedByTheCauseThatTells() {
        assertThat(DeliveryError.of(new ConnectException("Connection refused: /10.0.0.7:6379")))
                .isEqualTo(DeliveryError.REFUSED);
        assertThat(DeliveryError.of(new NoRouteToHostException("No route to host")))
                .isEqualTo(DeliveryError.REFUSED);
        assertThat(DeliveryError.of(new ConnectTimeoutException("connection timed out: /10.0.0.7:22")))
                .isEqualTo(DeliveryError.TIMEOUT);
        assertThat(DeliveryError.of(new VertxException(new SSLHandshakeException("PKIX path building failed"))))
                .isEqualTo(DeliveryError.TLS);
        assertThat(DeliveryError.of(new RuntimeException(new CertificateException("No name matching"))))
                .isEqualTo(DeliveryError.TLS);
        assertThat(DeliveryError.of(new VertxException("Connection was closed")))
                .isEqualTo(DeliveryError.CONNECTION);
    }

    @Test
    void storedTextsOfAnEarlierReleaseAreShownAsTheirClass() {
        assertThat(DeliveryError.shown("ConnectException: Connection refused: /10.0.0.7:6379", 0))
                .isEqualTo("CONNECTION");
        assertThat(DeliveryError.shown("HttpTimeoutException: request timed out", 0))
                .isEqualTo("CONNECTION");
        assertThat(DeliveryError.shown("answered 500", 500)).isEqualTo("HTTP_500");
        assertThat(DeliveryError.shown("REFUSED", 0)).isEqualTo("REFUSED");
        assertThat(DeliveryError.shown("HTTP_503", 503)).isEqualTo("HTTP_503");
        assertThat(DeliveryError.shown("HTTP_5x: 10.0.0.7", 0)).isEqualTo("CONNECTION");
        assertThat(DeliveryError.shown(null, 204)).isNull();
    }
}
