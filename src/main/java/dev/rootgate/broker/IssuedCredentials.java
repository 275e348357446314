package dev.rootgate.broker;

import java.time.Instant;

/**
 * The root session's credentials on their way to the requester. They live in memory for one response only;
 * {@link #toString()} hides the secrets so a log line cannot leak them.
 */
public record IssuedCredentials(String accessKeyId, String secretAccessKey, String sessionToken, Instant expiration) {

    @Override
    public String toString() {
        return "IssuedCredentials[accessKeyId=" + accessKeyId + ", expiration=" + expiration + ", secrets hidden]";
    }
}
