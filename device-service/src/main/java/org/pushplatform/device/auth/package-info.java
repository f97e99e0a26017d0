/** A device's {@code authentication}: its signature checked against its key, and the connection bound to the device. */
package org.pushplatform.device.auth;
