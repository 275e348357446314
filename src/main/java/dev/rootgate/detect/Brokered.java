package dev.rootgate.detect;

import java.time.Instant;
import java.util.Optional;

import dev.rootgate.policy.TaskPolicy;
import dev.rootgate.request.RequestStatus;

/**
 * What rootgate knows of one request it claimed for AssumeRoot: the claim (account, task policy, time) and, once
 * issued, the session's access key id.
 */
public record Brokered(long requestId, String accountId, TaskPolicy taskPolicy, RequestStatus status,
        Instant claimedAt, Optional<String> accessKeyId) {
}
