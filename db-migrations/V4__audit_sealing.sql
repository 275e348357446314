-- The chain is linked after commit, not inside the transaction of the change. An event is inserted with all its
-- content by the transaction of the change it describes (no audit write, no change), unchained: seq, prev_hash
-- and hash are NULL. The sealer (audit/ChainSealer) then takes the chain head and links committed events in
-- batches, in insertion order. So no request holds the head through its commit any more.

-- The old trigger refuses every UPDATE, this migration's own numbering included; it is replaced below.
DROP TRIGGER audit_event_append_only ON audit_event;

-- Insertion order. Existing events were inserted in chain order, so their seq is their insertion number.
ALTER TABLE audit_event ADD COLUMN id BIGINT;
UPDATE audit_event SET id = seq;
ALTER TABLE audit_event ALTER COLUMN id SET NOT NULL;
ALTER TABLE audit_event ALTER COLUMN id ADD GENERATED ALWAYS AS IDENTITY;
SELECT setval(pg_get_serial_sequence('audit_event', 'id'), (SELECT coalesce(max(id), 0) + 1 FROM audit_event), false);
ALTER TABLE audit_event DROP CONSTRAINT audit_event_pkey;
ALTER TABLE audit_event ADD PRIMARY KEY (id);

ALTER TABLE audit_event ALTER COLUMN seq DROP NOT NULL,
                        ALTER COLUMN prev_hash DROP NOT NULL,
                        ALTER COLUMN hash DROP NOT NULL;
ALTER TABLE audit_event ADD CONSTRAINT audit_event_sealed_whole
    CHECK ((seq IS NULL AND prev_hash IS NULL AND hash IS NULL)
        OR (seq IS NOT NULL AND prev_hash IS NOT NULL AND hash IS NOT NULL));
-- One event per link number, one successor per hash: the chain can neither repeat a number nor fork.
CREATE UNIQUE INDEX audit_event_seq_idx ON audit_event (seq);
CREATE UNIQUE INDEX audit_event_prev_hash_idx ON audit_event (prev_hash);
-- What the sealer looks for, and what the unsealed gauge counts.
CREATE INDEX audit_event_unsealed_idx ON audit_event (id) WHERE seq IS NULL;
DROP INDEX audit_event_request_idx;
CREATE INDEX audit_event_request_idx ON audit_event (request_id, id);

-- Events enter unsealed: only the sealer, holding the head, links them.
CREATE FUNCTION audit_event_enter_unsealed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.seq IS NOT NULL OR NEW.prev_hash IS NOT NULL OR NEW.hash IS NOT NULL THEN
        RAISE EXCEPTION 'INSERT of a sealed event on audit_event refused: events enter unsealed'
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER audit_event_insert_unsealed BEFORE INSERT ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_enter_unsealed();

-- The one UPDATE allowed: sealing an unsealed event, once. Every other column (any added later too) never changes.
CREATE FUNCTION audit_event_seal_once() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF OLD.seq IS NOT NULL OR OLD.prev_hash IS NOT NULL OR OLD.hash IS NOT NULL THEN
        RAISE EXCEPTION 'UPDATE on audit_event refused: event % is sealed', OLD.id USING ERRCODE = 'insufficient_privilege';
    END IF;
    IF to_jsonb(NEW) - '{seq,prev_hash,hash}'::text[] IS DISTINCT FROM to_jsonb(OLD) - '{seq,prev_hash,hash}'::text[] THEN
        RAISE EXCEPTION 'UPDATE on audit_event refused: the content of event % is immutable', OLD.id
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NEW;
END $$;
CREATE TRIGGER audit_event_seal_once BEFORE UPDATE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION audit_event_seal_once();
CREATE TRIGGER audit_event_no_delete BEFORE DELETE ON audit_event
    FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();

-- A sealed event links to the event sealed just before it, checked at commit when the whole batch is in place:
-- seq 1 follows the genesis hash, seq n names the hash of seq n-1. With the unique indexes above, the sealed events
-- form one gapless chain whatever wrote them.
CREATE FUNCTION audit_event_check_link() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF NEW.seq IS NOT NULL AND NOT (
        (NEW.seq = 1 AND NEW.prev_hash = repeat('0', 64))
        OR EXISTS (SELECT 1 FROM audit_event p WHERE p.seq = NEW.seq - 1 AND p.hash = NEW.prev_hash)) THEN
        RAISE EXCEPTION 'sealing of audit event % refused: seq % does not link to seq %', NEW.id, NEW.seq, NEW.seq - 1
            USING ERRCODE = 'insufficient_privilege';
    END IF;
    RETURN NULL;
END $$;
CREATE CONSTRAINT TRIGGER audit_event_links AFTER UPDATE ON audit_event
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION audit_event_check_link();
