package org.pushplatform.routing.quota;

/** Something an app asked for would pass one of its quotas; the message says which, in words for the client. */
public class QuotaExceededException extends RuntimeException {

    public QuotaExceededException(String message) {
        super(message);
    }
}
