/**
 * The push-server API's intercom WebSockets on the gateway's HTTP port: capture rooms {@code /{r}/{d}} and call
 * rooms {@code /{r}/{d}/{device}}, whose sides reach each other through the core's rooms, on every node.
 */
package org.pushplatform.gateway.intercom;
