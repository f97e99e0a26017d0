/** Products and their devices: what notices are about. */
package org.pushplatform.iot.things;
