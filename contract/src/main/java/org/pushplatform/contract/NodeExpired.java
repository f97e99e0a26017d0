package org.pushplatform.contract;

/**
 * Payload of {@link EnvelopeTypes#NODE_EXPIRED}: routing took a run of the node for dead (silent past its heartbeats:
 * a long GC pause, a stalled VM) and dropped its connections, and has now heard it again. The node closes the
 * connections it had then, so that their clients connect again and are bound anew; nothing stored is lost meanwhile.
 *
 * @param bootId       the run that was taken for dead; another run ignores it
 * @param openedBefore connections opened before this instant, on the node's own clock (the time of the heartbeat
 *                     that showed it alive again), are closed
 */
public record NodeExpired(String bootId, long openedBefore) {
}
