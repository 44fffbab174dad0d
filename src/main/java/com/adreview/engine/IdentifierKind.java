package com.adreview.engine;

/**
 * The kinds of identifier an advertiser account can hold: what a package names besides the account
 * itself, and what a complaint may be filed against.
 */
public enum IdentifierKind {
    /** A Unified Social Credit Code ({@code advertiser.creditCode}). */
    CREDIT_CODE,
    /** A domain of the promoted platform ({@code product.domain}) or of its ICP licence ({@code icp.domains}). */
    DOMAIN,
    /** The promoted app ({@code product.appId}). */
    APP_ID
}
