package org.pushplatform.routing.presence;

/** Told when a session's connection comes and goes, e.g. to publish presence integration events. */
public interface PresenceListener {

    void online(ClientConnection connection);

    void offline(ClientConnection connection);
}
