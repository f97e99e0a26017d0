package org.pushplatform.service;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class HexHmacTest {

    @Test
    void isRfc4231sFirstTestVectorInLowerCaseHex() {
        // RFC 4231, test case 2: key "Jefe", data "what do ya want for nothing?"
        assertThat(HexHmac.sha256("Jefe", "what do ya want for nothing?"))
            .isEqualTo("5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843");
    }

    @Test
    void aSignatureMatchesInEitherCaseAndNothingElseDoes() {
        String expected = HexHmac.sha256("k", "text");
        assertThat(HexHmac.matches(expected.toUpperCase(), expected)).isTrue();
        assertThat(HexHmac.matches(HexHmac.sha256("k", "other"), expected)).isFalse();
        assertThat(HexHmac.matches(null, expected)).isFalse();
        assertThat(HexHmac.matches("", expected)).isFalse();
    }
}
