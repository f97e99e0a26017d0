/** The stateless edge: protocol codecs, the local connection index and local fan-out of deliveries. */
package org.pushplatform.gateway;
