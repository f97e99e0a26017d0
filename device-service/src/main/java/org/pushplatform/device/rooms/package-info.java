/**
 * Rooms of the device API: memo rooms of students, and a device's serial-number room for remote debugging, with
 * who may join which, the relays between a console and a device, and memos pushed to student rooms.
 */
package org.pushplatform.device.rooms;
