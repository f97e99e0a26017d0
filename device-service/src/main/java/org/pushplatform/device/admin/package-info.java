/** The admin REST API's guard and error bodies. */
package org.pushplatform.device.admin;
