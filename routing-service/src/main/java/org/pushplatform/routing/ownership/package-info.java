/** Which Kafka partitions, and so which sessions, this routing instance owns. */
package org.pushplatform.routing.ownership;
