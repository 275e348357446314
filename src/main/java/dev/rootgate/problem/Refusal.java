package dev.rootgate.problem;

import java.util.LinkedHashMap;
import java.util.Map;

import dev.rootgate.identity.Actor;

/**
 * A well-formed attempt that a rule refuses (no matching rule, self-approval, stale MFA, wrong source address,
 * wrong state…). Every refusal is written to the audit log — who, what, where from, why — by
 * {@link RefusalRecorder} once the refused transaction has rolled back.
 */
public class Refusal extends Problem {

    private final Actor actor;
    private final String attempt;
    private final Long requestId;
    private final String accountId;
    private final String taskPolicy;

    private Refusal(int status, String code, String message, Actor actor, String attempt, Long requestId, String accountId,
            String taskPolicy, Map<String, Object> extra) {
        super(status, code, message, extra);
        this.actor = actor;
        this.attempt = attempt;
        this.requestId = requestId;
        this.accountId = accountId;
        this.taskPolicy = taskPolicy;
    }

    /** Starts a refusal of {@code attempt} (for example "decide") by {@code actor} concerning an account and task policy. */
    public static Builder of(Actor actor, String attempt, Long requestId, String accountId, String taskPolicy) {
        return new Builder(actor, attempt, requestId, accountId, taskPolicy);
    }

    public Actor actor() {
        return actor;
    }

    public String attempt() {
        return attempt;
    }

    public Long requestId() {
        return requestId;
    }

    public String accountId() {
        return accountId;
    }

    public String taskPolicy() {
        return taskPolicy;
    }

    public static final class Builder {
        private final Actor actor;
        private final String attempt;
        private final Long requestId;
        private final String accountId;
        private final String taskPolicy;
        private final Map<String, Object> extra = new LinkedHashMap<>();

        private Builder(Actor actor, String attempt, Long requestId, String accountId, String taskPolicy) {
            this.actor = actor;
            this.attempt = attempt;
            this.requestId = requestId;
            this.accountId = accountId;
            this.taskPolicy = taskPolicy;
        }

        public Builder with(String key, Object value) {
            extra.put(key, value);
            return this;
        }

        public Refusal forbidden(String code, String message) {
            return build(403, code, message);
        }

        public Refusal conflict(String code, String message) {
            return build(409, code, message);
        }

        public Refusal notFound(String what) {
            return build(404, "not_found", what + " not found");
        }

        private Refusal build(int status, String code, String message) {
            return new Refusal(status, code, message, actor, attempt, requestId, accountId, taskPolicy, extra);
        }
    }
}
