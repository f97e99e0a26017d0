/** Notices about a device, shaped as the seed's down messages and sent to every channel of its owners. */
package org.pushplatform.iot.notices;
