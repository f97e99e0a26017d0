/** The Kafka contract shared by every process: the envelope, its payloads and the topic names. */
package org.pushplatform.contract;
