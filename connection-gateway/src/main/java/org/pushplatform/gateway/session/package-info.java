/** The node's in-memory index of its own live connections. */
package org.pushplatform.gateway.session;
