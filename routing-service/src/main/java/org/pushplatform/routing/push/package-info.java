/**
 * The push-server API's rules on the delivery core: clients named by their alias (identities of kind
 * {@code push-client}), channels as topics, typed frames {@code {t, ...}} answered with their negative type, pushes
 * as {@code {t:5, mid, ...}} frames acked by the client ({@code t:-5}).
 */
package org.pushplatform.routing.push;
