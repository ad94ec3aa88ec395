package dev.autosync.api;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.autosync.api.Route.Access;
import dev.autosync.common.Json;
import dev.autosync.common.WebhookEvent;
import dev.autosync.queue.DeliveryId;
import dev.autosync.store.DeliveryArchive;
import dev.autosync.store.DeliveryEntry;
import dev.autosync.store.DeliveryFilter;
import dev.autosync.store.PageRequest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Every accepted delivery, as an operator looks for it: the list (newest first, by outcome, event,
 * installation, repository and time of receipt) and one delivery with what happened to it and, on request,
 * its archived payload ({@link DeliveryArchive}).
 */
final class DeliveryEndpoints {

    /** Without {@code since}, the list looks back this far: the ledger keeps a delivery's record 30 days. */
    static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
    private static final Set<String> STATUSES = Arrays.stream(DeliveryFilter.Status.values())
            .map(DeliveryFilter.Status::wireName).collect(Collectors.toSet());
    private static final Set<String> EVENTS = Arrays.stream(WebhookEvent.values())
            .map(WebhookEvent::wireName).collect(Collectors.toSet());
    private static final Set<String> INCLUDES = Set.of("payload");

    private final DeliveryArchive archive;
    private final Paging paging;
    private final Clock clock;

    DeliveryEndpoints(DeliveryArchive archive, Paging paging, Clock clock) {
        this.archive = archive;
        this.paging = paging;
        this.clock = clock;
    }

    List<Route> routes() {
        return List.of(
                Route.get("/api/deliveries", Access.TOKEN, "listDeliveries", this::list),
                Route.get("/api/deliveries/{delivery_id}", Access.TOKEN, "getDelivery", this::one));
    }

    private ApiResponse list(Call call) {
        Params params = call.params();
        DeliveryFilter filter = filter(params, clock.instant());
        // Only what the caller gave binds the cursor: a default "until" (now) moves between pages.
        Map<String, String> given = new TreeMap<>();
        for (String name : List.of("status", "event", "installation_id", "repository_id", "since", "until")) {
            params.text(name).ifPresent(value -> given.put(name, value));
        }
        PageRequest page = paging.request(params, "deliveries", given);
        return ApiResponse.ok(paging.body("deliveries", given, archive.list(filter, page), DeliveryJson::listed));
    }

    /** The list's filters from the query; every bad one is a 400 saying what is wrong. */
    static DeliveryFilter filter(Params params, Instant now) {
        Optional<DeliveryFilter.Status> status = params.oneOf("status", STATUSES).flatMap(DeliveryFilter.Status::named);
        Optional<String> event = params.oneOf("event", EVENTS);
        Optional<Long> installation = params.queryId("installation_id");
        Optional<Long> repository = params.queryId("repository_id");
        Instant until = params.instant("until").orElse(now);
        Instant since = params.instant("since").orElse(until.minus(DEFAULT_WINDOW));
        if (until.isBefore(since)) {
            throw new InvalidParameterException("until", "must not be before since (" + since + "), not " + until);
        }
        return new DeliveryFilter(status, event, installation, repository, since, until);
    }

    private ApiResponse one(Call call) {
        String id = call.params().pathText("delivery_id");
        if (!DeliveryId.isValid(id)) {
            throw new InvalidParameterException("delivery_id", "must be 1 to 64 letters, digits and dashes (GitHub's X-GitHub-Delivery)");
        }
        boolean withPayload = call.params().oneOf("include", INCLUDES).isPresent();
        DeliveryEntry entry = archive.entry(id)
                .orElseThrow(() -> new ResourceNotFoundException("no delivery " + id + " (none received, or its record expired)"));
        ObjectNode json = DeliveryJson.detailed(entry);
        if (withPayload) {
            json.set("payload", entry.archive().flatMap(DeliveryEntry.Archived::payload)
                    .map(DeliveryEndpoints::payloadJson).orElse(null));
        }
        return ApiResponse.ok(json);
    }

    /** The payload as JSON when it is JSON (GitHub's always is), else as the text it was. */
    private static JsonNode payloadJson(String text) {
        try {
            return Json.mapper().readTree(text);
        } catch (java.io.IOException e) {
            return Json.mapper().getNodeFactory().textNode(text);
        }
    }
}
