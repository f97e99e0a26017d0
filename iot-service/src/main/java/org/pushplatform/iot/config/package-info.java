/** The service's settings. */
package org.pushplatform.iot.config;
