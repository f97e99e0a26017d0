/** User accounts: their iotTokens and the devices they own. */
package org.pushplatform.iot.accounts;
