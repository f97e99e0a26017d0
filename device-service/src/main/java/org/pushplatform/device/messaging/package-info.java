/** What device-service writes to Kafka: commands to the delivery core, nudges to a device's owner, integration events. */
package org.pushplatform.device.messaging;
