/** The MQTT API's rules beside the core: sessions of MQTT clients, topic filters, publishing into the shared topic space. */
package org.pushplatform.routing.mqtt;
