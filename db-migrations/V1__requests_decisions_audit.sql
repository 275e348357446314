-- rootgate schema. The application enforces every rule; the database enforces the ones it can as well,
-- so a bug or a hand-written statement cannot break them either.

CREATE TABLE access_request (
    id                   BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    requester_subject    TEXT        NOT NULL,
    requester_name       TEXT        NOT NULL,
    account_id           TEXT        NOT NULL CHECK (account_id ~ '^[0-9]{12}$'),
    task_policy          TEXT        NOT NULL CHECK (task_policy IN ('IAMAuditRootUserCredentials', 'IAMCreateRootUserPassword',
                                         'IAMDeleteRootUserCredentials', 'S3UnlockBucketPolicy', 'SQSUnlockQueuePolicy')),
    justification        TEXT        NOT NULL CHECK (length(justification) BETWEEN 1 AND 2000),
    ticket               TEXT        CHECK (length(ticket) <= 64),
    status               TEXT        NOT NULL CHECK (status IN ('PENDING', 'APPROVED', 'STARTING', 'ACTIVE', 'ENDED',
                                         'DENIED', 'CANCELLED', 'EXPIRED', 'INTERRUPTED')),
    approvals_required   INTEGER     NOT NULL CHECK (approvals_required >= 1),
    rule_name            TEXT        NOT NULL,
    policy_sha256        TEXT        NOT NULL CHECK (policy_sha256 ~ '^[0-9a-f]{64}$'),
    session_seconds      INTEGER     NOT NULL CHECK (session_seconds BETWEEN 1 AND 900),
    source_ip            TEXT        NOT NULL,
    mfa_methods          TEXT        NOT NULL,
    mfa_auth_time        TIMESTAMPTZ NOT NULL,
    created_at           TIMESTAMPTZ NOT NULL,
    pending_until        TIMESTAMPTZ NOT NULL,
    approved_at          TIMESTAMPTZ,
    activate_by          TIMESTAMPTZ,
    claimed_at           TIMESTAMPTZ,
    started_at           TIMESTAMPTZ,
    access_key_id        TEXT        CHECK (access_key_id ~ '^[A-Z0-9]{16,128}$'),
    session_expires_at   TIMESTAMPTZ,
    closed_at            TIMESTAMPTZ,
    version              BIGINT      NOT NULL DEFAULT 0
);

-- One open request per requester, account and task policy, even when two replicas race.
CREATE UNIQUE INDEX access_request_one_open
    ON access_request (requester_subject, account_id, task_policy)
    WHERE status IN ('PENDING', 'APPROVED', 'STARTING', 'ACTIVE');
CREATE INDEX access_request_status_idx ON access_request (status);
CREATE INDEX access_request_requester_idx ON access_request (requester_subject, created_at DESC);

CREATE TABLE decision (
    id                 BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    request_id         BIGINT      NOT NULL REFERENCES access_request (id),
    approver_subject   TEXT        NOT NULL,
    approver_name      TEXT        NOT NULL,
    verdict            TEXT        NOT NULL CHECK (verdict IN ('APPROVE', 'DENY')),
    comment            TEXT        NOT NULL DEFAULT '' CHECK (length(comment) <= 2000),
    decided_at         TIMESTAMPTZ NOT NULL,
    source_ip          TEXT        NOT NULL,
    mfa_methods        TEXT        NOT NULL,
    mfa_auth_time      TIMESTAMPTZ NOT NULL,
    CONSTRAINT one_decision_per_approver UNIQUE (request_id, approver_subject)
);

-- Separation of duties, once more at the bottom: nobody decides on their own request.
CREATE FUNCTION decision_refuse_self_approval() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF EXISTS (SELECT 1 FROM access_request r WHERE r.id = NEW.request_id AND r.requester_subject = NEW.approver_subject) THEN
        RAISE EXCEPTION 'self-approval refused: % is the requester of request %', NEW.approver_subject, NEW.request_id
            USING ERRCODE = 'check_violation';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER decision_no_self_approval BEFORE INSERT ON decision
    FOR EACH ROW EXECUTE FUNCTION decision_refuse_self_approval();

-- Decisions and audit events are records of what happened: they are never rewritten.
CREATE FUNCTION refuse_rewrite() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    RAISE EXCEPTION '% on % refused: rows are append-only', TG_OP, TG_TABLE_NAME USING ERRCODE = 'insufficient_privilege';
END $$;
CREATE TRIGGER decision_append_only BEFORE UPDATE OR DELETE ON decision
    FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER decision_no_truncate BEFORE TRUNCATE ON decision
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();

CREATE TABLE audit_event (
    seq            BIGINT      PRIMARY KEY,
    occurred_at    TIMESTAMPTZ NOT NULL,
    actor          TEXT        NOT NULL,
    action         TEXT        NOT NULL,
    request_id     BIGINT,
    account_id     TEXT,
    task_policy    TEXT,
    source_ip      TEXT,
    details        TEXT        NOT NULL,   -- canonical JSON, byte-for-byte what was hashed
    prev_hash      TEXT        NOT NULL CHECK (prev_hash ~ '^[0-9a-f]{64}$'),
    hash           TEXT        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$')
);
CREATE INDEX audit_event_request_idx ON audit_event (request_id, seq);
CREATE INDEX audit_event_time_idx ON audit_event (occurred_at);

CREATE TRIGGER audit_event_append_only BEFORE UPDATE OR DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER audit_event_no_truncate BEFORE TRUNCATE ON audit_event
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();

-- The head of the hash chain: appending locks this one row, so sequence numbers are gapless and every
-- event links to the one before it, across replicas.
CREATE TABLE audit_chain_head (
    id        SMALLINT PRIMARY KEY CHECK (id = 1),
    last_seq  BIGINT   NOT NULL,
    last_hash TEXT     NOT NULL
);
INSERT INTO audit_chain_head (id, last_seq, last_hash) VALUES (1, 0, repeat('0', 64));
