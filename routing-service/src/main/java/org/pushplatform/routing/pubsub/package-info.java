/** The pubsub Socket.IO API (the seed's connect_v2, subscribe, publish ...): sessions, subscriptions and fan-out. */
package org.pushplatform.routing.pubsub;
