package org.pushplatform.routing.delivery;

/** An identity a delivery is for (or the identity that published it), and the partition that owns it. */
public record Target(String identityRef, int partition) {
}
