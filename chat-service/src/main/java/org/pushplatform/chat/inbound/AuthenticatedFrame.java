package org.pushplatform.chat.inbound;

import org.pushplatform.chat.accounts.ConnectionStore;
import org.pushplatform.chat.messaging.ChatFrame;

/** A client's frame and the account its connection authenticated as. */
public record AuthenticatedFrame(ChatFrame frame, ConnectionStore.Authenticated by) {
}
