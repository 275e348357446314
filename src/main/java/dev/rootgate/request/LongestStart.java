package dev.rootgate.request;

import java.time.Duration;

/**
 * The longest a start can take once claimed. The broker knows (its timeouts and retries) and provides it; the
 * expiry job uses it to tell a start in flight from one whose process died.
 */
public interface LongestStart {
    Duration duration();
}
