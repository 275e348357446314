-- The approval stages a request must meet, fixed when it is created (a later policy edit cannot lower its bar):
-- a JSON array of {"groups": [...], "count": n, "overlapAllowed": bool}. Null on requests created before stages,
-- which had one stage: the rule's approvers and approvals_required.
ALTER TABLE access_request ADD COLUMN approval_stages TEXT;

-- The groups the approver's token showed when they decided (JSON array, sorted): a closed request's stages are
-- shown as they were met, not as today's groups would meet them. Null on decisions taken before this migration.
ALTER TABLE decision ADD COLUMN approver_groups TEXT;
