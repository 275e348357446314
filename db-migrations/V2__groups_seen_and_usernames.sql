-- The groups each subject's newest token showed. Only a person's own token proves their groups, so a decision
-- taken later about someone else (does this vote still count, may this requester still be approved) uses the
-- groups of the newest token rootgate has seen from them (by its iat), recorded on every signed-in call.
CREATE TABLE subject_groups (
    subject    TEXT        PRIMARY KEY CHECK (subject <> ''),
    groups     TEXT        NOT NULL,   -- JSON array of group names, sorted
    issued_at  TIMESTAMPTZ NOT NULL,   -- iat of the token that showed them
    seen_at    TIMESTAMPTZ NOT NULL
);

-- The stable username (preferred_username, else email) shown beside the free-text name. Null on rows written
-- before this migration; decisions are append-only, so those are not back-filled.
ALTER TABLE access_request ADD COLUMN requester_username TEXT;
ALTER TABLE decision ADD COLUMN approver_username TEXT;
