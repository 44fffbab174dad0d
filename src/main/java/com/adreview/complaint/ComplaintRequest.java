package com.adreview.complaint;

import com.adreview.engine.AdPackage.Money;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A complaint as reported against an advertising entity. */
@Schema(name = "ComplaintRequest", description = "A complaint against an advertiser, its platform or its app.")
public record ComplaintRequest(
        @Schema(description = "Who the complaint is against: at least one identifier.") @NotNull @Valid Subject subject,
        @Schema(description = "Who reports it.", example = "USER") @NotNull ComplaintSource source,
        @Schema(description = "What it is about.", example = "WITHDRAWAL_BLOCKED") @NotNull ComplaintCategory category,
        @Schema(description = "Money involved, if any.") @Valid Money amountInvolved,
        @Schema(description = "What happened.", example = "充值后无法提现，客服失联。") @NotBlank @Size(max = 5000)
                String description,
        @Schema(
                        description =
                                "Opaque id of the person or body reporting; required for USER complaints. Compared"
                                        + " after NFKC case folding with white space and invisible characters removed: one"
                                        + " reporter counts once towards an entity.",
                        example = "user-7f3a")
                @Size(max = 128)
                String reporterId,
        @Schema(description = "When the complaint was received (ISO-8601); defaults to now; not in the future.")
                Instant receivedAt) {

    /** The identifiers a complaint may name; any one of them identifies the entity. */
    @Schema(description = "Identifiers of the entity complained about; at least one.")
    public record Subject(
            @Schema(description = "Unified Social Credit Code.", example = "91110108558521630L") @Size(max = 64)
                    String creditCode,
            @Schema(description = "Domain of the promoted platform.", example = "hengyuan-p2p.cn") @Size(max = 253)
                    String domain,
            @Schema(description = "Advertiser account on the ad platform.", example = "acct-10086") @Size(max = 128)
                    String advertiserAccountId,
            @Schema(description = "App id of the promoted app.", example = "com.example.hengyuan") @Size(max = 200)
                    String appId) {}
}
