package dev.rootgate.identity;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/** What the identity provider says about how the caller logged in: the {@code amr} and {@code auth_time} claims. */
public record MfaEvidence(List<String> methods, Optional<Instant> authTime) {

    public MfaEvidence {
        methods = List.copyOf(methods);
    }

    public String methodsText() {
        return String.join(",", methods);
    }
}
