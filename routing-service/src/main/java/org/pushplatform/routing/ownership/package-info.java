/** Which Kafka partitions, and so which identities, topics and rooms, this routing instance owns. */
package org.pushplatform.routing.ownership;
