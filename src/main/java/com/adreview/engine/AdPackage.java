package com.adreview.engine;

import jakarta.validation.Valid;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.PositiveOrZero;
import jakarta.validation.constraints.Size;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * An ad package as a submission gateway sends it: the advertiser's credentials and the creative.
 * Field names are the public contract of {@code POST /v1/submissions}.
 *
 * <p>Only structure is validated here (presence, types, sizes). Whether a present value is
 * acceptable — a malformed credit code, a filing number where a licence is needed — is for the
 * policy pack to decide, so that the finding is stored and explained.
 */
@Schema(name = "AdPackage", description = "Credentials and creative of one ad, as submitted by a gateway.")
public record AdPackage(
        @Schema(
                        description = "The advertiser's own id for the ad; resubmitting it makes a new revision.",
                        example = "p2p-spring-2026")
                @NotBlank
                @Size(max = 128)
                String adId,
        @Schema(description = "What the ad promotes; decides which rules apply.", example = "P2P_LENDING") @NotNull
                Category category,
        @Schema(description = "Who advertises.") @NotNull @Valid Advertiser advertiser,
        @Schema(description = "The ICP licence or filing of the promoted site.") @Valid Icp icp,
        @Schema(description = "The promoted platform or app.") @Valid Product product,
        @Schema(description = "The ad copy and where it leads.") @Valid Creative creative,
        @Schema(description = "The risk warning shown with the ad.", example = "市场有风险，出借需谨慎") @Size(max = 500)
                String riskWarning,
        @Schema(description = "Where the ad would run.", example = "[\"BROWSER_FEED\"]") @Size(max = 50)
                List<@NotBlank @Size(max = 64) String> placements) {

    public AdPackage {
        placements = listOf(placements);
    }

    @Schema(description = "The advertiser and its registration.")
    public record Advertiser(
            @Schema(description = "The advertiser's account on the ad platform.", example = "acct-10086")
                    @NotBlank
                    @Size(max = 128)
                    String accountId,
            @Schema(description = "Registered company name.", example = "北京恒远网络科技有限公司") @NotBlank @Size(max = 200)
                    String legalName,
            @Schema(description = "18-character Unified Social Credit Code (统一社会信用代码).", example = "91110108558521630L")
                    @NotBlank
                    @Size(max = 64)
                    String creditCode,
            @Schema(description = "Subscribed (认缴) registered capital.") @Valid Money registeredCapital,
            @Schema(description = "Paid-in (实缴) capital; when given, the capital rule checks it instead.") @Valid
                    Money paidInCapital,
            @Schema(
                            description = "When the business (or the promoted platform) started operating.",
                            example = "2016-04-01")
                    LocalDate operatingSince,
            @Schema(description = "Registered address.", example = "北京市海淀区中关村大街1号") @Size(max = 500) String address) {}

    @Schema(description = "An amount of money.")
    public record Money(
            @Schema(description = "Amount, not negative.", example = "200000000") @NotNull @PositiveOrZero
                    BigDecimal amount,
            @Schema(description = "ISO 4217 currency code.", example = "CNY")
                    @NotNull
                    @Pattern(regexp = "[A-Z]{3}", message = "must be an ISO 4217 code such as CNY")
                    String currency) {}

    @Schema(description = "ICP licence (ICP证) or filing (ICP备) of the promoted site.")
    public record Icp(
            @Schema(description = "ICP licence or filing number.", example = "京ICP证160221号") @Size(max = 64)
                    String number,
            @Schema(description = "The entity the ICP number is registered to.", example = "北京恒远网络科技有限公司")
                    @Size(max = 200)
                    String holder,
            @Schema(description = "Host names the ICP number covers.", example = "[\"hengyuan-p2p.cn\"]")
                    @Size(max = 50)
                    List<@NotBlank @Size(max = 253) String> domains) {

        public Icp {
            domains = listOf(domains);
        }
    }

    @Schema(description = "The promoted platform or app.")
    public record Product(
            @Schema(description = "Name of the promoted platform or app.", example = "恒远出借") @Size(max = 200)
                    String name,
            @Schema(
                            description = "Domain of the promoted platform; identifies the entity for complaints.",
                            example = "hengyuan-p2p.cn")
                    @Size(max = 253)
                    String domain,
            @Schema(description = "App id (package name) of the promoted app.", example = "com.example.hengyuan")
                    @Size(max = 200)
                    String appId,
            @Schema(
                            description = "Highest annualised rate the product charges or promises (0.18 = 18 %).",
                            example = "0.18")
                    @DecimalMin("0")
                    @DecimalMax("100")
                    BigDecimal maxAnnualRate) {}

    @Schema(description = "The ad copy, mostly Simplified Chinese, and where it leads.")
    public record Creative(
            @Schema(description = "Headline of the ad.", example = "出借信息一站式披露") @Size(max = 200) String headline,
            @Schema(description = "Body copy of the ad.", example = "借款人信息、资金存管银行和逾期数据按月公开。") @Size(max = 5000)
                    String body,
            @Schema(description = "Call-to-action text of the button.", example = "查看披露") @Size(max = 100)
                    String callToAction,
            @Schema(description = "Absolute http(s) URL the ad leads to.", example = "https://www.hengyuan-p2p.cn/")
                    @Size(max = 2048)
                    @Pattern(
                            regexp = "[Hh][Tt][Tt][Pp][Ss]?://[^\\s/?#@]+(?:[/?#]\\S*)?",
                            message = "must be an absolute http or https URL")
                    String landingUrl) {}

    /** An unmodifiable copy that, unlike List.copyOf, keeps null items so validation can name them. */
    private static List<String> listOf(List<String> items) {
        return items == null ? List.of() : java.util.Collections.unmodifiableList(new java.util.ArrayList<>(items));
    }
}
