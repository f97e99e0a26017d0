package org.pushplatform.routing.quota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TransactionSnapshotTest {

    @Test
    void aSnapshotSeesWhatCommittedBeforeItAndNothingRunningOrLater() {
        var snapshot = TransactionSnapshot.parse("100:105:101,103");
        assertThat(snapshot.sees(99)).isTrue();
        assertThat(snapshot.sees(100)).isTrue();
        assertThat(snapshot.sees(101)).isFalse();
        assertThat(snapshot.sees(102)).isTrue();
        assertThat(snapshot.sees(103)).isFalse();
        assertThat(snapshot.sees(105)).isFalse();
        assertThat(TransactionSnapshot.parse("7:7:").sees(6)).isTrue();
        assertThat(TransactionSnapshot.NOTHING.sees(1)).isFalse();
    }

    @Test
    void textThatIsNoSnapshotIsRefused() {
        assertThatThrownBy(() -> TransactionSnapshot.parse("12")).isInstanceOf(IllegalArgumentException.class);
    }
}
