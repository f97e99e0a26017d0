package org.pushplatform.device.config;

import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import org.pushplatform.service.ServiceSettings;

/**
 * Settings under {@code push.}: the ones every service shares, and this service's section; each can be overridden by
 * the environment variable in brackets.
 */
@ConfigMapping(prefix = "push")
public interface DeviceConfig extends ServiceSettings {

    Device device();

    /** The device API's rules. */
    interface Device {

        /** How long a device has to ack a command before the attempt times out ({@code PUSH_DEVICE_ACK_TIMEOUT}). */
        @WithDefault("10s")
        Duration ackTimeout();

        /** Attempts of a command before it ends TIMEOUT ({@code PUSH_DEVICE_MAX_ATTEMPTS}). */
        @WithDefault("3")
        int maxAttempts();

        /** How long a command waits for its device before it ends EXPIRED ({@code PUSH_DEVICE_COMMAND_TTL}). */
        @WithDefault("1d")
        Duration commandTtl();

        /** Commands sent to one device and not yet answered, at most: the rest wait, in order. */
        @WithDefault("8")
        int inFlightPerDevice();

        /** Open (queued or sent) commands one device may have; more are refused. */
        @WithDefault("1000")
        int maxOpenPerDevice();

        /**
         * A sent command is taken for timed out this long after its ack timeout when no outcome came (its connection
         * died with its node, or device-service restarted meanwhile).
         */
        @WithDefault("15s")
        Duration lostOutcomeGrace();

        /** How far an HMAC signature's timestamp may be from this server's clock. */
        @WithDefault("5m")
        Duration signatureMaxSkew();

        /** How often lost outcomes and expired commands are looked for ({@code PUSH_DEVICE_SWEEP}); read by the sweeper's schedule. */
        @WithDefault("1s")
        Duration sweep();

        /** The longest {@code ?wait=} a REST call may ask for. */
        @WithDefault("60s")
        Duration maxWait();
    }
}
