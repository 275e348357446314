package dev.rootgate.web.pages;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

import dev.rootgate.web.view.RequestView;

/**
 * What an open "Awaiting my decision" page polls for: how many requests wait and a version that changes whenever a
 * request arrives, leaves, or changes what its row shows (approvals so far). {@code news} is what screen readers
 * are told when the list changed.
 */
public record QueueState(int waiting, String version, String news) {

    static QueueState of(List<RequestView> items) {
        StringBuilder rows = new StringBuilder();
        items.forEach(r -> rows.append(r.id()).append(':').append(r.status()).append(':').append(r.version())
                .append(':').append(r.approvalsReceived()).append(';'));
        String news = switch (items.size()) {
            case 0 -> "Queue updated: nothing waits for your decision.";
            case 1 -> "Queue updated: 1 request waits for your decision.";
            default -> "Queue updated: " + items.size() + " requests wait for your decision.";
        };
        return new QueueState(items.size(), sha256(rows.toString()), news);
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is part of every Java runtime", e);
        }
    }
}
