/** The MQTT 3.1.1 and 5 listener: Netty's MQTT codec, the packets' flow per connection; sessions are routing's. */
package org.pushplatform.gateway.mqtt;
