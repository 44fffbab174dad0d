package com.adreview.check;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CreditCodeTest {

    @ParameterizedTest
    @ValueSource(strings = {"91440300708461136T", "91330100716105852F", "91110108558521630L"})
    void realCodesAreWellFormedWithAValidCheckCharacter(String code) {
        assertThat(CreditCode.isWellFormed(code)).isTrue();
        assertThat(CreditCode.hasValidCheckCharacter(code)).isTrue();
        assertThat(CreditCode.checkCharacter(code.substring(0, 17))).isEqualTo(code.charAt(17));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "",
                "91440300708461136", // 17 characters
                "91440300708461136TX", // 19 characters
                "91440300708461136t", // lower case
                "9144030070846113IT", // I is not in the alphabet
                "9144030070846113OT", // nor O
                "9144030070846113ST", // nor S
                "9144030070846113VT", // nor V
                "9144030070846113ZT", // nor Z
                "９1440300708461136T", // full-width digit
                "91440300 708461136T"
            })
    void malformedCodesAreNotWellFormed(String code) {
        assertThat(CreditCode.isWellFormed(code)).isFalse();
        assertThat(CreditCode.hasValidCheckCharacter(code)).isFalse();
    }

    @Test
    void nullIsNotWellFormed() {
        assertThat(CreditCode.isWellFormed(null)).isFalse();
    }

    @Test
    void aWrongCheckCharacterIsWellFormedButFailsTheCheck() {
        assertThat(CreditCode.isWellFormed("91440300708461136A")).isTrue();
        assertThat(CreditCode.hasValidCheckCharacter("91440300708461136A")).isFalse();
    }

    @Test
    void checkValueThirtyOneMeansZero() {
        // Search a body whose weighted sum is divisible by 31: its check character must be '0'.
        Random random = new Random(31);
        for (int i = 0; i < 100_000; i++) {
            String body = randomBody(random);
            int sum = 0;
            int[] weights = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};
            for (int k = 0; k < 17; k++) {
                sum += CreditCode.ALPHABET.indexOf(body.charAt(k)) * weights[k];
            }
            if (sum % 31 == 0) {
                assertThat(CreditCode.checkCharacter(body)).isEqualTo('0');
                return;
            }
        }
        throw new AssertionError("no body with a weighted sum divisible by 31 found");
    }

    @Test
    void changingAnyOneCharacterOfAValidCodeBreaksTheCheck() {
        // Property: the check character detects every single-character substitution (31 is prime).
        Random random = new Random(42);
        for (int i = 0; i < 2_000; i++) {
            String body = randomBody(random);
            String code = body + CreditCode.checkCharacter(body);
            int position = random.nextInt(17);
            char replacement;
            do {
                replacement = CreditCode.ALPHABET.charAt(random.nextInt(31));
            } while (replacement == code.charAt(position));
            String changed = code.substring(0, position) + replacement + code.substring(position + 1);
            assertThat(CreditCode.hasValidCheckCharacter(code)).isTrue();
            assertThat(CreditCode.hasValidCheckCharacter(changed)).as(changed).isFalse();
        }
    }

    @Test
    void individualBusinessesStartWith92() {
        assertThat(CreditCode.isIndividualBusiness("924401068765432104")).isTrue();
        assertThat(CreditCode.isIndividualBusiness("91440300708461136T")).isFalse();
        assertThat(CreditCode.isIndividualBusiness(null)).isFalse();
    }

    @Test
    void checkCharacterNeedsSeventeenAlphabetCharacters() {
        assertThatThrownBy(() -> CreditCode.checkCharacter("123")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> CreditCode.checkCharacter("9144030070846113I"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static String randomBody(Random random) {
        StringBuilder s = new StringBuilder(17);
        for (int k = 0; k < 17; k++) {
            s.append(CreditCode.ALPHABET.charAt(random.nextInt(31)));
        }
        return s.toString();
    }
}
