package dev.rootgate.request;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.rootgate.identity.Actor;

/**
 * What happened to a request, fired synchronously inside the transaction that writes it, so that an observer's
 * writes (the notification outbox) commit or roll back together with the change they report. The action is the
 * audit log's ({@code request.created}, {@code decision.recorded}, {@code request.approved}, ...).
 */
public record RequestEvent(AccessRequest request, String action, Actor actor, Map<String, Object> details) {

    public RequestEvent {
        // audit details may hold nulls, which Map.copyOf refuses
        details = Collections.unmodifiableMap(new LinkedHashMap<>(details));
    }
}
