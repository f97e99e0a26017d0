package org.pushplatform.routing.presence;

/** Told when a session's connection comes and goes: integration events, and presence on {@code <topic>/p}. */
public interface PresenceListener {

    /** @param sessionCameOnline the session had no connection before this one */
    void online(ClientConnection connection, boolean sessionCameOnline);

    /** @param sessionWentOffline the session has no connection left */
    void offline(ClientConnection connection, boolean sessionWentOffline);
}
