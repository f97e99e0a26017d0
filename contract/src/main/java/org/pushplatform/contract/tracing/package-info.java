/** The trace context records carry from a client's socket through Kafka to another client's socket. */
package org.pushplatform.contract.tracing;
