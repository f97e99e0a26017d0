package org.pushplatform.chat.uploads;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.LocalDate;
import java.util.Base64;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;

/**
 * Upload tokens for Qiniu's object storage, where the seed's clients put images, files and voice: Qiniu's documented
 * form {@code AccessKey:urlsafe_base64(hmac_sha1(SecretKey, encodedPutPolicy)):encodedPutPolicy}, the put policy
 * {@code {"scope":"<bucket>:<key>","deadline":<unix seconds>}} in URL-safe base64. The key is the seed's
 * {@code accountid/yyyy/m/d/<name>}, without zero padding.
 */
public final class QiniuUploadTokens {

    private final String accessKey;
    private final SecretKeySpec secretKey;
    private final String bucket;

    public QiniuUploadTokens(String accessKey, String secretKey, String bucket) {
        this.accessKey = accessKey;
        this.secretKey = new SecretKeySpec(secretKey.getBytes(StandardCharsets.UTF_8), "HmacSHA1");
        this.bucket = bucket;
    }

    /** Where an account's upload of today goes: {@code accountid/2016/6/14/<name>}. */
    public static String keyFor(String accountId, LocalDate day, String name) {
        return accountId + '/' + day.getYear() + '/' + day.getMonthValue() + '/' + day.getDayOfMonth() + '/' + name;
    }

    /** A token that lets its holder put one object under {@code key} until {@code deadline} (Unix seconds). */
    public String token(String key, long deadline) {
        String policy = JsonNodeFactory.instance.objectNode().put("scope", bucket + ':' + key).put("deadline", deadline).toString();
        String encodedPolicy = Base64.getUrlEncoder().encodeToString(policy.getBytes(StandardCharsets.UTF_8));
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(secretKey);
            byte[] sign = mac.doFinal(encodedPolicy.getBytes(StandardCharsets.UTF_8));
            return accessKey + ':' + Base64.getUrlEncoder().encodeToString(sign) + ':' + encodedPolicy;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }
}
