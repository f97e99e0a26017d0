/** The chat service: accounts, contacts, groups, messages (chat API). For now a shell with health and metrics. */
package org.pushplatform.chat;
