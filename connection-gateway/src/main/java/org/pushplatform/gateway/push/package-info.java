/** The push-server API's frames as the gateway sees them: type codes {@code t} and the event each one is. */
package org.pushplatform.gateway.push;
