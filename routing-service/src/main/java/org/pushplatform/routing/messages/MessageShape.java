package org.pushplatform.routing.messages;

import org.pushplatform.contract.delivery.Deliver;

/** How one API's clients receive an {@link AppMessage}: each API's rules provide theirs. */
public interface MessageShape {

    /** The API whose clients this shape is for. */
    String api();

    Deliver deliveryOf(AppMessage message);
}
