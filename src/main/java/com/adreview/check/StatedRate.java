package com.adreview.check;

/**
 * An interest or return rate stated in ad copy, annualised.
 *
 * @param period the period the text states the rate for
 * @param stated the rate as stated, as a fraction of one (0.001 for "日息0.1%")
 * @param annual the rate a year, as a fraction of one (0.365 for "日息0.1%")
 * @param rawStart start of the statement (keyword and number) in the raw text
 * @param rawEnd end (exclusive) of the statement in the raw text
 * @param rawText the statement as written, disguises included
 */
public record StatedRate(
        RateExtractor.Period period, double stated, double annual, int rawStart, int rawEnd, String rawText) {}
