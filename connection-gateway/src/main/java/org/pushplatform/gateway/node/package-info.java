/** What a gateway node tells about itself in its heartbeats: where clients reach it. */
package org.pushplatform.gateway.node;
