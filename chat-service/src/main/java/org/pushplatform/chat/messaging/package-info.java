/** What chat-service writes to the core: answers to frames, events to accounts, bindings. */
package org.pushplatform.chat.messaging;
