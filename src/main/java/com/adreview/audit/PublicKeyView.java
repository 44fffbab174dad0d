package com.adreview.audit;

import java.util.Base64;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The public half of the checkpoint signing key, in the forms tools take it in. */
@Schema(name = "AuditPublicKey", description = "The key the trail's checkpoints verify under.")
public record PublicKeyView(
        @Schema(description = "Ed25519.") String algorithm,
        @Schema(description = "The public key, X.509 (SubjectPublicKeyInfo) DER, base64.") String publicKey,
        @Schema(description = "The same key as PEM, for openssl and other tools.") String pem,
        @Schema(description = "sha256:<hex> of the DER bytes: short enough to compare by eye.") String fingerprint) {

    static PublicKeyView of(String publicKey) {
        String pem = "-----BEGIN PUBLIC KEY-----\n"
                + Base64.getMimeEncoder(64, new byte[] {'\n'})
                        .encodeToString(Base64.getDecoder().decode(publicKey))
                + "\n-----END PUBLIC KEY-----\n";
        return new PublicKeyView(CheckpointService.ALGORITHM, publicKey, pem, CheckpointService.fingerprint(publicKey));
    }
}
