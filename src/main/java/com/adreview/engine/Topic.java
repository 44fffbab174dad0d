package com.adreview.engine;

/**
 * The fixed vocabulary of finding topics. Rule ids belong to a policy pack and may change; topics
 * are the stable contract that gateways and auditors key on.
 */
public enum Topic {
    ICP_MISSING("no ICP number given"),
    ICP_INVALID("the ICP number is not a well-formed licence or filing number"),
    ICP_NOT_COMMERCIAL("a financial category shows only an ICP filing (备案), not a commercial ICP licence (ICP证)"),
    ICP_HOLDER_MISMATCH(
            "the ICP holder is not the advertiser, or the landing page is not on a domain the ICP number covers"),
    CREDIT_CODE_INVALID("the credit code is malformed or its check character is wrong"),
    INDIVIDUAL_BUSINESS("the credit code belongs to an individual business (个体工商户) advertising a financial product"),
    OPERATING_HISTORY_SHORT("in operation for less than the category's minimum"),
    CAPITAL_BELOW_MINIMUM("registered (or paid-in, when given) capital below the category's minimum"),
    RISK_WARNING_MISSING("financial ad without an adequate risk warning"),
    GUARANTEED_RETURN("promises capital protection, guaranteed yield, no risk"),
    RATE_ABOVE_CAP("a stated or implied annualised rate above the cap"),
    OFF_PLATFORM_CONTACT(
            "moves the user off the platform: scan a QR code, add a WeChat/QQ, private chat, call a personal number"),
    UPFRONT_FEE("asks for a payment (shipping fee, deposit, handling fee, activation) before a prize, refund or loan"),
    SENSITIVE_DATA_REQUEST("asks for ID-card number, bank-card number, passwords or SMS verification codes"),
    TASK_FOR_REWARD("refunds, commissions or earnings for completing tasks (刷单, 做任务返现)"),
    PRESSURE_TACTICS("artificial urgency or scarcity"),
    BRAND_IMPERSONATION(
            "claims to be official, authorised or partnered with WeChat, Alipay, Tencent, Alibaba, the platform itself, or a state body"),
    UNREALISTIC_PROMISE("guaranteed wins, guaranteed monopolies, guaranteed approval"),
    OBFUSCATED_TEXT("invisible or direction-control characters, or mixed-script look-alikes, in ad copy"),
    COMPLAINT_HISTORY("the advertiser's complaint record crosses a threshold"),
    IDENTITY_CONFLICT("the package names a credit code, domain or app id that another advertiser account holds"),
    CATEGORY_SUSPENDED("the whole category is suspended by an operator");

    private final String meaning;

    Topic(String meaning) {
        this.meaning = meaning;
    }

    /** What the topic means, as documented for gateways and auditors. */
    public String meaning() {
        return meaning;
    }
}
