package org.pushplatform.routing.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.HexFormat;

import org.junit.jupiter.api.Test;

class PushTokenTest {

    private static final String APPKEY = "52fcc04c4dc903d66d6f8f92";
    private static final String SECRET = "4a1b9c2d3e4f50617283940a1b2c3d4e";

    @Test
    void aTokenOpensWithItsAppsSecretToItsAppkeyAndExpiry() {
        String token = PushToken.mint(APPKEY, SECRET, 1_900_000_000L);

        assertThat(token).startsWith(APPKEY + ".");
        assertThat(PushToken.open(token, SECRET)).isEqualTo(new PushToken.Claims(APPKEY, 1_900_000_000L));
    }

    @Test
    void twoTokensOfTheSameAppAndExpiryDifferByTheirIv() {
        assertThat(PushToken.mint(APPKEY, SECRET, 1_900_000_000L)).isNotEqualTo(PushToken.mint(APPKEY, SECRET, 1_900_000_000L));
    }

    /** The README's worked example, byte for byte: anyone can check an implementation of their own against it. */
    @Test
    void theReadmesWorkedExample() {
        byte[] iv = HexFormat.of().parseHex("0001020304050607");

        String token = PushToken.mint(APPKEY, SECRET, 1_900_000_000L, iv);

        assertThat(token).isEqualTo(WORKED_EXAMPLE);
    }

    static final String WORKED_EXAMPLE = "52fcc04c4dc903d66d6f8f92.0001020304050607ca061c2f5f55b96509c4e383c6a2afbdbd70bcf327bd1a871005d788b9610f44a04910006e526ea2";

    @Test
    void aTokenMadeWithAnotherSecretOrAlteredOrOfAnotherAppkeyIsRefused() {
        String token = PushToken.mint(APPKEY, SECRET, 1_900_000_000L);
        String otherSecret = PushToken.mint(APPKEY, "another secret", 1_900_000_000L);
        char last = token.charAt(token.length() - 1);
        String altered = token.substring(0, token.length() - 1) + (last == '0' ? '1' : '0');
        String otherApp = "aaaaaaaaaaaaaaaaaaaaaaaa" + token.substring(APPKEY.length());

        for (String forged : new String[] {otherSecret, altered, otherApp, APPKEY + ".zz", APPKEY + ".0011", "no-dot", ""}) {
            assertThatThrownBy(() -> PushToken.open(forged, SECRET)).as(forged).isInstanceOf(PushToken.InvalidTokenException.class);
        }
    }
}
