package org.pushplatform.routing.pubsub;

/** A client frame that breaks the API's rules; its message is the {@code error_msg} the client gets. */
public class InvalidFrameException extends RuntimeException {

    public InvalidFrameException(String errorMsg) {
        super(errorMsg, null, false, false);
    }
}
