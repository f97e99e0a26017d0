/** The device service: devices, bindings, schedules and commands (device API). For now a shell with health and metrics. */
package org.pushplatform.device;
