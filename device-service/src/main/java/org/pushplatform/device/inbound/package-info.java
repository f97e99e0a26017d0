/** What device-service reads from {@code push.in.device}, and the topic itself, made at start. */
package org.pushplatform.device.inbound;
