/** MQTT channels bound to accounts: bind and unbind, and who a device's notices go to. */
package org.pushplatform.iot.channels;
