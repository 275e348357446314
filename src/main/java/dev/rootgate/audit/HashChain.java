package dev.rootgate.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;

/**
 * hash = SHA-256(previous hash ‖ canonical form of the event). The canonical form is compact JSON with its keys
 * sorted, the details embedded as their stored canonical JSON text, so anyone can recompute it from an export.
 */
public final class HashChain {

    public static final String GENESIS = "0".repeat(64);

    private static final ObjectMapper CANONICAL = new ObjectMapper()
            .configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

    private HashChain() {
    }

    /** The event must have its place in the chain: its {@code seq} is part of what is hashed. */
    public static String hash(String previousHash, AuditEvent event) {
        if (event.seq == null) {
            throw new IllegalArgumentException("an unsealed event has no place in the chain to hash");
        }
        return sha256(previousHash + canonicalForm(event));
    }

    public static String canonicalForm(AuditEvent event) {
        return json(canonicalFields(event));
    }

    /**
     * One line of a JSON Lines export: the canonical fields with {@code prevHash} and {@code hash}, keys sorted and
     * nothing else, so an offline verifier can insist that a line is exactly its own canonical form (then no byte of
     * it goes unchecked) and recompute its hash.
     */
    public static String exportLine(AuditEvent event) {
        Map<String, Object> fields = canonicalFields(event);
        fields.put("prevHash", event.prevHash);
        fields.put("hash", event.hash);
        return json(fields);
    }

    private static Map<String, Object> canonicalFields(AuditEvent event) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("seq", event.seq);
        fields.put("occurredAt", event.occurredAt.toString());
        fields.put("actor", event.actor);
        fields.put("action", event.action);
        fields.put("requestId", event.requestId);
        fields.put("accountId", event.accountId);
        fields.put("taskPolicy", event.taskPolicy);
        fields.put("sourceIp", event.sourceIp);
        fields.put("details", event.details);
        return fields;
    }

    /** Details in canonical JSON: keys sorted at every level. */
    public static String canonicalDetails(Map<String, ?> details) {
        return json(new TreeMap<>(details));
    }

    static String json(Object value) {
        try {
            return CANONICAL.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("audit details must be plain JSON values", e);
        }
    }

    static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every JRE", e);
        }
    }
}
