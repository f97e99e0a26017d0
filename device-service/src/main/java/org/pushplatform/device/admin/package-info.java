/** The admin REST API: devices, commands and memos, its guard and its error bodies. */
package org.pushplatform.device.admin;
