/** Typed configuration of a gateway node. */
package org.pushplatform.gateway.config;
