/**
 * Commands to devices with a durable lifecycle: the ledger in PostgreSQL, the owner that sends a device's commands in
 * order through the delivery core, the outcomes and sweeps that settle them, and their REST admin.
 */
package org.pushplatform.device.commands;
