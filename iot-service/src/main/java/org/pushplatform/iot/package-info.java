/**
 * The iot service: the IoT app channel (iot API). Mobile apps' MQTT channels bind to user accounts with an iotToken;
 * what the devices those accounts own report (properties, events, status, topology, OTA progress) goes down to every
 * bound channel. Changes come from REST, from other teams over Kafka, and from devices' own MQTT uplinks.
 */
package org.pushplatform.iot;
