/** Typed configuration of the routing service. */
package org.pushplatform.routing.config;
