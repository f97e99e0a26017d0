/** What comes in: MQTT uplinks from routing ({@code push.in.iot}) and other teams' device changes ({@code push.commands.iot}). */
package org.pushplatform.iot.inbound;
