package dev.autosync.store;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Reads a {@link Delivery} item (the ledger writes it field by field). */
final class DeliveryCodec {

    private DeliveryCodec() {
    }

    static Delivery delivery(Map<String, AttributeValue> item) {
        String status = Av.str(item, Attr.STATUS);
        Long lease = Av.optNum(item, Attr.LEASE_UNTIL);
        return new Delivery(Av.str(item, Attr.DELIVERY_ID), Av.str(item, Attr.EVENT), Av.str(item, Attr.ACTION),
                status == null ? null : Delivery.Status.valueOf(status.toUpperCase(java.util.Locale.ROOT)),
                (int) Av.num(item, Attr.ATTEMPTS), Av.instant(item, Attr.RECEIVED_AT),
                Av.instant(item, Attr.PROCESSED_AT), lease == null ? null : java.time.Instant.ofEpochMilli(lease),
                Av.str(item, Attr.OUTCOME), Av.str(item, Attr.ERROR));
    }
}
