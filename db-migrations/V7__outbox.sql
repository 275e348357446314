-- The one way rootgate sends anything out. A row is written in the transaction of the event it reports, so it
-- exists exactly when the event does; dispatchers deliver it afterwards (dev.rootgate.notify.Dispatcher).
CREATE TABLE outbox (
    id              BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    sink            TEXT        NOT NULL,                 -- who delivers it: 'slack' today
    kind            TEXT        NOT NULL,                 -- what the sink does with it, e.g. 'slack.reply'
    thread_key      TEXT,                                 -- rows of one thread are delivered in id order
    payload         TEXT        NOT NULL,
    state           TEXT        NOT NULL DEFAULT 'PENDING' CHECK (state IN ('PENDING', 'DELIVERED', 'FAILED')),
    attempts        INTEGER     NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ NOT NULL,
    last_error      TEXT,
    result          TEXT,                                 -- what the sink answered, e.g. the Slack channel and ts
    dedupe_key      TEXT UNIQUE,                          -- a message to write once at most, e.g. a reminder
    created_at      TIMESTAMPTZ NOT NULL,
    delivered_at    TIMESTAMPTZ
);

-- The requester is told of the decision by direct message: Slack finds them by the email their IdP named.
ALTER TABLE access_request ADD COLUMN requester_email TEXT;

CREATE INDEX outbox_due ON outbox (next_attempt_at, id) WHERE state = 'PENDING';
CREATE INDEX outbox_thread ON outbox (thread_key, id) WHERE thread_key IS NOT NULL;
-- FAILED rows are what an admin lists and retries.
CREATE INDEX outbox_failed ON outbox (id) WHERE state = 'FAILED';
