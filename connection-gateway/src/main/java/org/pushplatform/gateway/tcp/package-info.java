/** Newline-delimited JSON over TCP (the push-server API's port 9800), on Netty: framing, limits, acks, sinks. */
package org.pushplatform.gateway.tcp;
