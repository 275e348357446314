package dev.rootgate.audit;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * The sealed chain's head at a time, signed: the signature covers the UTF-8 bytes of the canonical JSON
 * {@code {"hash":…,"seq":…,"signedAt":…}} (keys sorted, no spaces, signedAt in ISO-8601 UTC), so that anyone holding
 * the public key checks it with nothing but the three values.
 */
public record Checkpoint(long seq, String hash, Instant signedAt, String signature) {

    public byte[] signedBytes() {
        return signedText(seq, hash, signedAt).getBytes(StandardCharsets.UTF_8);
    }

    static String signedText(long seq, String hash, Instant signedAt) {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("seq", seq);
        fields.put("hash", hash);
        fields.put("signedAt", signedAt.toString());
        return HashChain.json(fields);
    }

    /** The checkpoint as it is published (logged, and given to the offline verifier): one line of JSON. */
    public String json() {
        Map<String, Object> fields = new TreeMap<>();
        fields.put("seq", seq);
        fields.put("hash", hash);
        fields.put("signedAt", signedAt.toString());
        fields.put("signature", signature);
        return HashChain.json(fields);
    }
}
