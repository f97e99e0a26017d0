/** Conversations, their messages and every member's read position. */
package org.pushplatform.chat.conversations;
