/** Who is connected where, kept in memory and rebuilt from the gateways' connection events. */
package org.pushplatform.routing.presence;
