package org.pushplatform.routing.pubsub;

import java.util.List;

import jakarta.enterprise.context.ApplicationScoped;
import org.pushplatform.contract.delivery.Ack;
import org.pushplatform.contract.delivery.Address;
import org.pushplatform.contract.delivery.Deliver;
import org.pushplatform.contract.delivery.IdentityKinds;
import org.pushplatform.routing.delivery.DeliveryHub;
import org.pushplatform.routing.delivery.DeliveryStore;
import org.pushplatform.routing.delivery.FirstReceiptListener;

/** recvack: the publishing session hears when its message reached its first receiver other than itself. */
@ApplicationScoped
public class RecvAcks implements FirstReceiptListener {

    private final DeliveryHub hub;

    public RecvAcks(DeliveryHub hub) {
        this.hub = hub;
    }

    @Override
    public void firstReceipt(DeliveryStore.FirstReceipt receipt) {
        var recvack = new Deliver(new Address.Identity(receipt.app(), IdentityKinds.SESSION, receipt.publisher().identityRef()),
            PublishService.API, "recvack", PubsubReplies.recvack(receipt.messageId(), receipt.alias(), receipt.timestamp()), 0,
            null, Ack.NONE, receipt.messageId(), null);
        hub.toIdentities(recvack, List.of(receipt.publisher()), null, null).subscribe().with(sent -> { });
    }
}
