package org.pushplatform.routing.push;

/** A push-server frame that breaks a rule: answered with {@code {t:0, error, num}}. */
class PushFrameException extends RuntimeException {

    PushFrameException(String message) {
        super(message);
    }
}
