package dev.rootgate.detect;

import java.util.Optional;

/** Which findings to list (each part empty: any) and which page of them, newest first. */
public record FindingFilter(Optional<Severity> severity, Optional<String> kind, Optional<Boolean> acknowledged,
        int page, int size) {
}
