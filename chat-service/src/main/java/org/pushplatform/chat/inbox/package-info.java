/** The inbox: notifications other teams feed, by category. */
package org.pushplatform.chat.inbox;
