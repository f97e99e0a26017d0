/** Devices of each app: their keys, bindings, schedules, presence and what their acks said last; their REST admin. */
package org.pushplatform.device.devices;
