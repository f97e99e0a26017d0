/** The device API (class boards, consoles, mini-app pages) on Socket.IO: its events and the key of its frames. */
package org.pushplatform.gateway.device;
