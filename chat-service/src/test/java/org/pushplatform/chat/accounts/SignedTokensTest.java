package org.pushplatform.chat.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.pushplatform.contract.ChatApi;

class SignedTokensTest {

    private static final String KEY = "k3y";
    private static final long NOW = 1_800_000_000L;

    @Test
    void aTokenSignedWithTheAppsKeyForTheAccountIsValidUntilItExpires() {
        String token = SignedTokens.token(KEY, "app1", "alice", NOW + 60);
        assertThat(ChatApi.accountOfToken(token)).as("the gateway reads the account as from a minted token").isEqualTo("alice");
        String secret = token.substring("alice.".length());
        assertThat(SignedTokens.isSigned(secret)).isTrue();
        assertThat(SignedTokens.valid(KEY, "app1", "alice", secret, NOW)).isTrue();
        assertThat(SignedTokens.valid(KEY, "app1", "alice", secret, NOW + 60)).as("expired").isFalse();
    }

    @Test
    void anotherKeyAppOrAccountOrAnAlteredTokenIsRefused() {
        String secret = SignedTokens.token(KEY, "app1", "alice", NOW + 60).substring("alice.".length());
        assertThat(SignedTokens.valid("other", "app1", "alice", secret, NOW)).isFalse();
        assertThat(SignedTokens.valid(KEY, "app2", "alice", secret, NOW)).isFalse();
        assertThat(SignedTokens.valid(KEY, "app1", "bob", secret, NOW)).isFalse();
        assertThat(SignedTokens.valid(KEY, "app1", "alice", secret.replace("~" + (NOW + 60), "~" + (NOW + 6000)), NOW)).isFalse();
        assertThat(SignedTokens.valid(KEY, "app1", "alice", "s~notanumber~00", NOW)).isFalse();
        assertThat(SignedTokens.valid(KEY, "app1", "alice", "s~", NOW)).isFalse();
    }
}
