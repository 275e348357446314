package dev.rootgate.browser;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * The one-time codes a user's authenticator app would show (RFC 6238: HMAC-SHA1, 30 s, 6 digits). Keycloak keys the
 * HMAC with the stored secret's raw bytes, not base32-decoded. The realm refuses a code used twice, so each code
 * handed out is of a later time step than the last one for the same secret: Keycloak accepts one step ahead, and
 * beyond that this waits for the clock.
 */
final class Totp {

    private static final long PERIOD_SECONDS = 30;
    private static final Map<String, Long> LAST_STEP = new ConcurrentHashMap<>();

    private Totp() {
    }

    /** A code Keycloak accepts now and has not seen yet. */
    static synchronized String nextCode(String secret) {
        long now = Instant.now().getEpochSecond() / PERIOD_SECONDS;
        long step = Math.max(now, LAST_STEP.getOrDefault(secret, Long.MIN_VALUE) + 1);
        while (step > Instant.now().getEpochSecond() / PERIOD_SECONDS + 1) {
            sleepAMoment();
        }
        LAST_STEP.put(secret, step);
        return code(secret, step);
    }

    /** RFC 4226's HOTP of one time step. */
    static String code(String secret, long step) {
        try {
            Mac mac = Mac.getInstance("HmacSHA1");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA1"));
            byte[] hash = mac.doFinal(ByteBuffer.allocate(8).putLong(step).array());
            int offset = hash[hash.length - 1] & 0x0f;
            int binary = ((hash[offset] & 0x7f) << 24) | ((hash[offset + 1] & 0xff) << 16)
                    | ((hash[offset + 2] & 0xff) << 8) | (hash[offset + 3] & 0xff);
            return String.format("%06d", binary % 1_000_000);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA1 is part of every JDK", e);
        }
    }

    private static void sleepAMoment() {
        try {
            Thread.sleep(500);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for the next one-time code", e);
        }
    }
}
