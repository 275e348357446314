-- Detection: every AssumeRoot CloudTrail record seen, once per eventID, kept whole for the auditor; the findings
-- reconciliation made of them; and how far the poller has read, per region.

CREATE TABLE detection_event (
    event_id     TEXT        PRIMARY KEY CHECK (length(event_id) BETWEEN 1 AND 128),
    event_time   TIMESTAMPTZ NOT NULL,
    region       TEXT        NOT NULL,
    source       TEXT        NOT NULL CHECK (source IN ('lookup', 'queue', 'test')),
    raw_event    JSONB       NOT NULL,
    received_at  TIMESTAMPTZ NOT NULL
);
CREATE INDEX detection_event_time_idx ON detection_event (event_time);

CREATE TABLE detection_finding (
    id                BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    kind              TEXT        NOT NULL,
    severity          TEXT        NOT NULL CHECK (severity IN ('INFO', 'MEDIUM', 'HIGH', 'CRITICAL')),
    event_id          TEXT        REFERENCES detection_event (event_id),
    request_id        BIGINT      REFERENCES access_request (id),
    summary           TEXT        NOT NULL,
    evidence          JSONB       NOT NULL,
    found_at          TIMESTAMPTZ NOT NULL,
    acknowledged_by   TEXT,
    acknowledged_at   TIMESTAMPTZ,
    acknowledged_why  TEXT,
    CONSTRAINT acknowledged_whole CHECK ((acknowledged_by IS NULL) = (acknowledged_at IS NULL)
        AND (acknowledged_by IS NULL) = (acknowledged_why IS NULL))
);
-- One finding of a kind per event, and one absence finding of a kind per request, even when two replicas race.
CREATE UNIQUE INDEX detection_finding_once_per_event ON detection_finding (event_id, kind) WHERE event_id IS NOT NULL;
CREATE UNIQUE INDEX detection_finding_once_per_request ON detection_finding (request_id, kind) WHERE event_id IS NULL;
CREATE INDEX detection_finding_request_idx ON detection_finding (request_id);

-- Seen records are evidence: never rewritten.
CREATE TRIGGER detection_event_append_only BEFORE UPDATE OR DELETE ON detection_event
    FOR EACH ROW EXECUTE FUNCTION refuse_rewrite();

CREATE TABLE detection_watermark (
    region      TEXT        PRIMARY KEY,
    read_until  TIMESTAMPTZ NOT NULL,
    updated_at  TIMESTAMPTZ NOT NULL
);
