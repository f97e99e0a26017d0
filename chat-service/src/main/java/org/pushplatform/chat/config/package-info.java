/** chat-service's settings. */
package org.pushplatform.chat.config;
