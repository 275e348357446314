-- Attempts per subject per window, shared by every replica: one row per subject and window, counted with
-- INSERT … ON CONFLICT DO UPDATE … RETURNING, so concurrent attempts never lose a count.
CREATE TABLE rate_limit (
    subject      TEXT        NOT NULL,
    window_start TIMESTAMPTZ NOT NULL,
    writes       INTEGER     NOT NULL DEFAULT 0,
    refusals     INTEGER     NOT NULL DEFAULT 0,
    PRIMARY KEY (subject, window_start)
);
CREATE INDEX rate_limit_window_idx ON rate_limit (window_start);
