package dev.autosync.store;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An item's size as DynamoDB counts it against the 400 KB limit
 * (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/CapacityUnitCalculations.html): each
 * attribute's name in UTF-8 plus its value — strings in UTF-8, numbers about one byte per two significant
 * digits plus one, booleans and nulls one byte, lists and maps three bytes plus their elements and one byte
 * each (a map's keys counted like names).
 */
final class ItemBytes {

    private ItemBytes() {
    }

    static long of(Map<String, AttributeValue> item) {
        return item.entrySet().stream().mapToLong(e -> utf8(e.getKey()) + value(e.getValue())).sum();
    }

    private static long value(AttributeValue v) {
        if (v.s() != null) {
            return utf8(v.s());
        }
        if (v.n() != null) {
            return number(v.n());
        }
        if (v.b() != null) {
            return v.b().asByteArray().length;
        }
        if (v.bool() != null || v.nul() != null) {
            return 1;
        }
        if (v.hasSs()) {
            return v.ss().stream().mapToLong(ItemBytes::utf8).sum();
        }
        if (v.hasNs()) {
            return v.ns().stream().mapToLong(ItemBytes::number).sum();
        }
        if (v.hasL()) {
            return 3 + v.l().stream().mapToLong(e -> 1 + value(e)).sum();
        }
        if (v.hasM()) {
            return 3 + v.m().entrySet().stream().mapToLong(e -> 1 + utf8(e.getKey()) + value(e.getValue())).sum();
        }
        return 0;
    }

    private static long number(String text) {
        String digits = new BigDecimal(text).stripTrailingZeros().unscaledValue().abs().toString();
        return (digits.length() + 1) / 2 + 1;
    }

    private static long utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }
}
