/** The pubsub API's part of the gateway: its Socket.IO events and how a connection names its session. */
package org.pushplatform.gateway.pubsub;
