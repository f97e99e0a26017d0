/** The delivery hub: who is connected where, who subscribes to what, and the fan-out to gateway nodes. */
package org.pushplatform.routing;
