/** The chat API's Socket.IO listener rules. */
package org.pushplatform.gateway.chat;
