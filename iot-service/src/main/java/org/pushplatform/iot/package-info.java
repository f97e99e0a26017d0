/** The iot service: IoT accounts, app channels and thing events (iot API). For now a shell with health and metrics. */
package org.pushplatform.iot;
