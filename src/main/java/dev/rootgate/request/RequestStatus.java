package dev.rootgate.request;

import java.util.EnumSet;
import java.util.Set;

/**
 * The lifecycle of a request. STARTING is the claim taken before AssumeRoot is called: it makes a second start
 * impossible while the call is in flight. INTERRUPTED means the outcome of that call is unknown (the process died,
 * or STS did not answer in time): a session may exist, so it is never retried by itself. An APPROVED request
 * goes back to PENDING when its approvals no longer meet the quorum (an approver left the approving groups).
 */
public enum RequestStatus {
    PENDING, APPROVED, STARTING, ACTIVE, ENDED, DENIED, CANCELLED, EXPIRED, INTERRUPTED;

    public static final Set<RequestStatus> OPEN = EnumSet.of(PENDING, APPROVED, STARTING, ACTIVE);

    public Set<RequestStatus> next() {
        return switch (this) {
            case PENDING -> EnumSet.of(APPROVED, DENIED, CANCELLED, EXPIRED);
            case APPROVED -> EnumSet.of(STARTING, PENDING, CANCELLED, EXPIRED);
            case STARTING -> EnumSet.of(ACTIVE, APPROVED, INTERRUPTED);
            case ACTIVE -> EnumSet.of(ENDED);
            case ENDED, DENIED, CANCELLED, EXPIRED, INTERRUPTED -> EnumSet.noneOf(RequestStatus.class);
        };
    }

    public boolean canMoveTo(RequestStatus target) {
        return next().contains(target);
    }

    public boolean isOpen() {
        return OPEN.contains(this);
    }
}
