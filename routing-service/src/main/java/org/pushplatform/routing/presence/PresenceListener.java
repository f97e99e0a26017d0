package org.pushplatform.routing.presence;

/** Told when an identity's connection comes and goes: integration events, and each API's own presence rules. */
public interface PresenceListener {

    /** @param identityCameOnline the identity had no connection before this one */
    void online(ClientConnection connection, boolean identityCameOnline);

    /** @param identityWentOffline the identity has no connection left */
    void offline(ClientConnection connection, boolean identityWentOffline);
}
