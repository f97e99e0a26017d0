/**
 * Getting a message to its target sessions: who they are, storing QoS 1 and 2 messages until received, the
 * repartition step to each session's owner, receipts, recvack and expiry.
 */
package org.pushplatform.routing.delivery;
