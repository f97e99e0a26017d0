package org.pushplatform.chat.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.pushplatform.service.ServiceSettings;

/**
 * Settings under {@code push.}: the ones every service shares, and this service's section; each can be overridden by
 * the environment variable in brackets.
 */
@ConfigMapping(prefix = "push")
public interface ChatConfig extends ServiceSettings {

    Chat chat();

    /** The chat API's rules. */
    interface Chat {

        /** How long a minted client token is valid unless the admin call says ({@code PUSH_CHAT_TOKEN_TTL}). */
        @WithDefault("30d")
        Duration tokenTtl();

        /** The longest text a message may carry, in characters ({@code PUSH_CHAT_MAX_MESSAGE_CHARS}). */
        @WithDefault("20000")
        int maxMessageChars();

        /**
         * How many messages of one conversation are sent to a connection at a time, when it catches up or live; the
         * rest follows at once ({@code PUSH_CHAT_SYNC_BATCH}).
         */
        @WithDefault("200")
        int syncBatch();

        /** Where {@code upload token}'s tokens let clients put files; unset, the event answers that uploads are off. */
        Qiniu qiniu();
    }

    /** Qiniu object storage ({@code PUSH_CHAT_QINIU_ACCESS_KEY}, {@code _SECRET_KEY}, {@code _BUCKET}, {@code _TOKEN_TTL}). */
    interface Qiniu {

        java.util.Optional<String> accessKey();

        java.util.Optional<String> secretKey();

        java.util.Optional<String> bucket();

        /** How long an upload token lets its holder upload. */
        @WithDefault("1h")
        Duration tokenTtl();
    }
}
