package org.pushplatform.iot.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.pushplatform.service.ServiceSettings;

/**
 * Settings under {@code push.}: the ones every service shares, and this service's section; each can be overridden by
 * the environment variable in brackets.
 */
@ConfigMapping(prefix = "push")
public interface IotConfig extends ServiceSettings {

    Iot iot();

    /** The IoT app channel's rules. */
    interface Iot {

        /** How long a notice waits for a channel that is offline ({@code PUSH_IOT_NOTICE_TTL}). */
        @WithDefault("1d")
        Duration noticeTtl();

        /** How long an iotToken is valid when its issuer does not say ({@code PUSH_IOT_TOKEN_TTL}). */
        @WithDefault("30d")
        Duration tokenTtl();

        /** The longest validity an iotToken may be issued with. */
        @WithDefault("365d")
        Duration maxTokenTtl();
    }
}
