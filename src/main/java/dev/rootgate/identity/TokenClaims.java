package dev.rootgate.identity;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The identity claims of a verified token, read from its payload exactly as the identity provider wrote it. The
 * token library's typed getters coerce: a missing {@code auth_time} becomes 0, a huge one wraps around or
 * overflows {@link Instant}. Here a claim of the wrong type or range is simply absent, and absence fails closed.
 */
public record TokenClaims(JsonNode payload) {

    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(DeserializationFeature.USE_BIG_DECIMAL_FOR_FLOATS)
            .enable(DeserializationFeature.USE_BIG_INTEGER_FOR_INTS);
    private static final int MAX_LENGTH = 255;
    private static final BigInteger LATEST_INSTANT = BigInteger.valueOf(Instant.MAX.getEpochSecond());

    /** The payload of a compact JWS whose signature has already been verified. */
    public static TokenClaims ofCompact(String compact) {
        String[] parts = compact.split("\\.", -1);
        if (parts.length != 3) {
            throw new IllegalArgumentException("not a compact JWS");
        }
        try {
            return new TokenClaims(JSON.readTree(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)));
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("the token payload is not JSON", e);
        }
    }

    /** The {@code sub} claim when it is a string with something visible in it. */
    public Optional<String> subject() {
        return text("sub").filter(TokenClaims::printable);
    }

    /**
     * A name to show: {@code name}, else the username. Identity providers pass on what an admin typed, spaces around
     * it included; a name that is only spaces is no name.
     */
    public String name(String fallback) {
        return stripped("name").orElseGet(() -> username(fallback));
    }

    /** The stable username people know each other by: {@code preferred_username}, else {@code email}. */
    public String username(String fallback) {
        return stripped("preferred_username").or(() -> stripped("email")).orElse(fallback);
    }

    /** A claim shown to people, without the ordinary spaces around it; the subject is never trimmed: it is an id. */
    private Optional<String> stripped(String claim) {
        return text(claim).map(String::strip).filter(TokenClaims::printable);
    }

    /** Where the IdP says this person receives mail; used to find them in Slack, never to identify them. */
    public Optional<String> email() {
        return stripped("email").filter(email -> email.length() <= 254 && email.contains("@"));
    }

    public MfaEvidence mfa() {
        List<String> methods = new ArrayList<>();
        JsonNode amr = payload.path("amr");
        // An array, or from some IdPs a single string; anything else says nothing.
        // A method that cannot be printed proves nothing and must not reach a column or an audit event.
        if (amr.isArray()) {
            amr.forEach(value -> {
                if (value.isTextual() && printable(value.textValue())) {
                    methods.add(value.textValue());
                }
            });
        } else if (amr.isTextual() && printable(amr.textValue())) {
            methods.add(amr.textValue());
        }
        return new MfaEvidence(methods, authTime());
    }

    /** When the token was issued; a token that does not say counts as older than any that does. */
    public Instant issuedAt() {
        return epochSeconds("iat").orElse(Instant.EPOCH);
    }

    private Optional<Instant> authTime() {
        return epochSeconds("auth_time");
    }

    /** Seconds since the epoch as a JSON integer that an {@link Instant} can hold and that is after 1970. */
    private Optional<Instant> epochSeconds(String claim) {
        JsonNode value = payload.path(claim);
        if (!value.isIntegralNumber()) {
            return Optional.empty();
        }
        BigInteger seconds = value.bigIntegerValue();
        if (seconds.signum() <= 0 || seconds.compareTo(LATEST_INSTANT) > 0) {
            return Optional.empty();
        }
        return Optional.of(Instant.ofEpochSecond(seconds.longValueExact()));
    }

    private Optional<String> text(String claim) {
        JsonNode value = payload.path(claim);
        return value.isTextual() ? Optional.of(value.textValue()) : Optional.empty();
    }

    /**
     * Not blank, not longer than OpenID Connect allows a subject (255), and nothing that hides or reorders
     * characters: who someone is must read as it is.
     */
    private static boolean printable(String text) {
        if (text.isBlank() || text.length() > MAX_LENGTH) {
            return false;
        }
        return text.codePoints().noneMatch(c -> Character.isISOControl(c) || Character.getType(c) == Character.FORMAT
                || (Character.isWhitespace(c) || Character.isSpaceChar(c)) && c != ' ');
    }
}
