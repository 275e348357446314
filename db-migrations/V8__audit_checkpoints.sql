-- Signed checkpoints of the audit chain: the head (seq, hash) at a time, signed with an Ed25519 key that lives outside
-- the database. A chain rewritten consistently from some row on still links, but no longer matches a checkpoint
-- signed before the rewrite. One checkpoint per sequence number: signing the same head twice adds nothing.
CREATE TABLE audit_checkpoint (
    seq        BIGINT      PRIMARY KEY CHECK (seq > 0),
    hash       TEXT        NOT NULL CHECK (hash ~ '^[0-9a-f]{64}$'),
    signed_at  TIMESTAMPTZ NOT NULL,
    signature  TEXT        NOT NULL    -- base64 Ed25519 signature of the canonical JSON {"hash","seq","signedAt"}
);

CREATE TRIGGER audit_checkpoint_append_only BEFORE UPDATE OR DELETE ON audit_checkpoint
    FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();
CREATE TRIGGER audit_checkpoint_no_truncate BEFORE TRUNCATE ON audit_checkpoint
    FOR EACH STATEMENT EXECUTE FUNCTION refuse_rewrite();
