/** What this service writes to Kafka: MQTT messages to channels and devices through the core, and integration events. */
package org.pushplatform.iot.messaging;
