/** The admin REST API: products and devices, accounts with their iotTokens and devices, notices; its guard. */
package org.pushplatform.iot.admin;
