package com.adreview.bench;

import com.adreview.check.CreditCode;
import com.adreview.engine.AdPackage;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import java.io.InputStream;

/**
 * Packages the benchmarks decide: the shared examples, and one with 300 characters of copy; and the
 * load commands' ads of many entities.
 */
public final class BenchAds {

    /** About 300 characters of consumer-credit copy with a guarantee, a rate, a contact and disguises. */
    static final String BODY_300 = "装修分期、教育分期、旅游分期，一站式满足您的消费需求。额度最高二十万，最快当天放款，"
            + "年化利率（单利）7.2%起，以审批结果为准。提前还款无违约金，息费透明，无隐藏收费。"
            + "持牌机构运营，资金由银行存管，个人信息加密保护。线上申请三分钟完成，无需抵押担保。"
            + "老用户复借享利率优惠，邀请好友再得免息券。客服热线工作日九点至二十一点在线。"
            + "本平台承诺保\u200b本保息，日息0.1%起，详情请加 微-信 咨询专属顾问，名额有限。"
            + "借款前请仔细阅读借款协议与隐私政策，理性借贷，按时还款，珍惜个人信用记录。"
            + "逾期将按合同约定收取罚息并上报征信系统，请合理安排资金，量力而行，避免多头借贷与以贷养贷。";

    private BenchAds() {}

    public static AdPackage load(String example) throws Exception {
        ObjectMapper json = new ObjectMapper().registerModule(new JavaTimeModule());
        String file = example.equals("300-char-copy") ? "01-approved-p2p" : example;
        try (InputStream in = BenchAds.class.getResourceAsStream("/examples/" + file + ".json")) {
            ObjectNode ad = (ObjectNode) json.readTree(in).get("package");
            if (example.equals("300-char-copy")) {
                ad.put("category", "CONSUMER_CREDIT");
                ((ObjectNode) ad.get("creative")).put("headline", "装修分期，息费透明，最快当天放款");
                ((ObjectNode) ad.get("creative")).put("body", BODY_300);
                ((ObjectNode) ad.get("creative")).put("callToAction", "立即申请");
            }
            return json.treeToValue(ad, AdPackage.class);
        }
    }

    /**
     * The example package as ad i of entity e of a group of a load's run: its own ad id, and the entity's
     * account, credit code, domain (its ICP filing's and its landing page's) and app id, all named after
     * the load ({@code tag}), the run and the group, so that no two groups or runs share an identifier.
     *
     * @param division the administrative division in the entity's credit code, one per group
     */
    static ObjectNode ofEntity(JsonNode example, String tag, String run, String group, long i, int e, String division) {
        char t = tag.charAt(0);
        String domain = t + run + "-" + group + e + ".cn";
        ObjectNode ad = example.deepCopy();
        ad.put("adId", tag + "-" + run + "-" + group + "-" + i);
        ObjectNode advertiser = (ObjectNode) ad.get("advertiser");
        advertiser.put("accountId", account(tag, run, group, e));
        advertiser.put("creditCode", creditCode(run, division, e));
        ObjectNode icp = (ObjectNode) ad.get("icp");
        icp.putArray("domains").add(domain);
        ObjectNode product = (ObjectNode) ad.get("product");
        product.put("domain", domain);
        product.put("appId", "com.example." + t + run + "." + group + e);
        ((ObjectNode) ad.get("creative")).put("landingUrl", "https://www." + domain + "/");
        return ad;
    }

    /** The account of entity e of a group of a load's run. */
    static String account(String tag, String run, String group, int e) {
        return tag + "-" + run + "-" + group + "-" + e;
    }

    /** A valid credit code, distinct per run (six digits), division and entity (entities below 1000). */
    static String creditCode(String run, String division, int e) {
        String first17 = "91" + division + String.format("%06d%03d", Long.parseLong(run), e % 1000);
        return first17 + CreditCode.checkCharacter(first17);
    }
}
