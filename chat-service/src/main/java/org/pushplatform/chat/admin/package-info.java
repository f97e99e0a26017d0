/** chat-service's REST admin API (port 8081). */
package org.pushplatform.chat.admin;
