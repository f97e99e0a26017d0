package org.pushplatform.routing.presence;

/**
 * CDI event: this instance reads {@code push.heartbeats} again after a gap (Kafka was away). Records sent on the way
 * meanwhile may be lost: what is stored and not received is worth sending again soon.
 *
 * @param gapMillis how long its own probes were not heard
 */
public record HeartbeatsResumed(long gapMillis) {
}
