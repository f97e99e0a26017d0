package org.pushplatform.routing.delivery;

/** Told when a stored delivery with a publisher reached its first receiver other than the publisher (pubsub's recvack). */
public interface FirstReceiptListener {

    void firstReceipt(DeliveryStore.FirstReceipt receipt);
}
