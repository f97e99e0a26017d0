/** Kafka into chat-service: the chat API's connections and frames from gateways, handled per account. */
package org.pushplatform.chat.inbound;
