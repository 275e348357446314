package dev.rootgate.browser;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** The journeys type codes this computes: if it drifts from RFC 6238, every login with OTP fails. */
class TotpTest {

    // RFC 6238, appendix B: the SHA-1 seed, times 59 s and 1111111109 s, the last six of the eight digits.
    private static final String RFC_SEED = "12345678901234567890";

    @Test
    void codesMatchTheRfcTestVectors() {
        assertEquals("287082", Totp.code(RFC_SEED, 59 / 30));
        assertEquals("081804", Totp.code(RFC_SEED, 1111111109L / 30));
        assertEquals("050471", Totp.code(RFC_SEED, 1111111111L / 30));
    }

    @Test
    void noCodeIsHandedOutTwice() {
        String secret = "totp-test-" + System.nanoTime();
        String first = Totp.nextCode(secret);
        String second = Totp.nextCode(secret);
        assertEquals(false, first.equals(second), "Keycloak refuses a code used twice");
    }
}
