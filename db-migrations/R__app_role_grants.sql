-- What rootgate's own role (${app_role}, the login of quarkus.datasource.username) may do, and nothing more. Migrations
-- run as the schema owner; the application owns nothing, so it can neither change the schema nor turn a trigger off.
-- Flyway runs this file after the versioned migrations whenever it changes: a migration that adds a table adds its
-- grants here, or rootgate is refused on it.
REVOKE ALL ON ALL TABLES IN SCHEMA public FROM ${app_role};
REVOKE ALL ON ALL SEQUENCES IN SCHEMA public FROM ${app_role};

GRANT USAGE ON SCHEMA public TO ${app_role};
-- quarkus.flyway.validate-at-start: production checks, as the application, that the schema is migrated.
GRANT SELECT ON flyway_schema_history TO ${app_role};

GRANT SELECT, INSERT, UPDATE ON access_request TO ${app_role};
-- Votes and audit events are records: added, never changed or removed (the triggers refuse it too).
GRANT SELECT, INSERT ON decision TO ${app_role};
GRANT SELECT, INSERT ON audit_event TO ${app_role};
-- The sealer links committed events into the chain: these three columns, once (audit_event_seal_once).
GRANT UPDATE (seq, prev_hash, hash) ON audit_event TO ${app_role};
GRANT SELECT, UPDATE ON audit_chain_head TO ${app_role};
GRANT SELECT, INSERT ON audit_checkpoint TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON subject_groups TO ${app_role};
-- Old windows are dropped (throttle.RateLimits): counters, not records.
GRANT SELECT, INSERT, UPDATE, DELETE ON rate_limit TO ${app_role};
-- Delivered notifications are dropped after rootgate.notify.retention (notify.OutboxRetention): messages, not records.
GRANT SELECT, INSERT, UPDATE, DELETE ON outbox TO ${app_role};
GRANT SELECT, INSERT ON detection_event TO ${app_role};
GRANT SELECT, INSERT ON detection_finding TO ${app_role};
-- A finding is acknowledged once; what was found stays as it was.
GRANT UPDATE (acknowledged_by, acknowledged_at, acknowledged_why) ON detection_finding TO ${app_role};
GRANT SELECT, INSERT, UPDATE ON detection_watermark TO ${app_role};
