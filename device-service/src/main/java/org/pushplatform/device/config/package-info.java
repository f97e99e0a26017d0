/** device-service's settings. */
package org.pushplatform.device.config;
