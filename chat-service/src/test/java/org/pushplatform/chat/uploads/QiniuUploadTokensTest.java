package org.pushplatform.chat.uploads;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.LocalDate;

import org.junit.jupiter.api.Test;

class QiniuUploadTokensTest {

    @Test
    void aTokenIsQiniusSignedPutPolicy() {
        // expected: computed apart from this code (Python's hmac and base64), after Qiniu's documented algorithm
        var tokens = new QiniuUploadTokens("MY_ACCESS_KEY", "MY_SECRET_KEY", "my-bucket");
        assertThat(tokens.token("alice/2016/6/14/a.jpg", 1451491200L)).isEqualTo("MY_ACCESS_KEY:RRb_SLdC4lDo296v0nlfmbxa8tY=:"
            + "eyJzY29wZSI6Im15LWJ1Y2tldDphbGljZS8yMDE2LzYvMTQvYS5qcGciLCJkZWFkbGluZSI6MTQ1MTQ5MTIwMH0=");
    }

    @Test
    void theKeyIsTheSeedsAccountAndDayWithoutZeroPadding() {
        assertThat(QiniuUploadTokens.keyFor("alice", LocalDate.of(2016, 6, 4), "x")).isEqualTo("alice/2016/6/4/x");
    }
}
