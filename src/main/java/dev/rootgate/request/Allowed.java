package dev.rootgate.request;

/**
 * What the caller may do with a request now, as {@link RequestCore} decides it: the pages show buttons from it and
 * the API reports it, so neither re-derives a rule.
 */
public record Allowed(Permission decide, Permission start, Permission cancel) {

    /**
     * A move allowed now, allowed after a fresh multi-factor login ({@code mfaMaxAgeSeconds} says how fresh), or
     * refused; {@code refusal} is the code a try now would get ({@code mfa_stale} or {@code mfa_required} for the
     * second kind).
     */
    public record Permission(boolean allowed, boolean needsFreshMfa, Long mfaMaxAgeSeconds, String refusal) {

        static final Permission ALLOWED = new Permission(true, false, null, null);

        static Permission afterFreshMfa(long maxAgeSeconds, String refusal) {
            return new Permission(false, true, maxAgeSeconds, refusal);
        }

        static Permission refused(String reason) {
            return new Permission(false, false, null, reason);
        }

        /** Worth offering: allowed now, or after logging in again. */
        public boolean offered() {
            return allowed || needsFreshMfa;
        }
    }
}
