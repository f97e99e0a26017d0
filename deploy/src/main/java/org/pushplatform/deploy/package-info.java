/** Runs the whole platform on one machine: an embedded Kafka broker, an embedded PostgreSQL and every service JVM. */
package org.pushplatform.deploy;
