-- Where each region's reading of the trail began: the trail's silence about a session claimed before that says
-- nothing, so absences are only evidence for sessions claimed since. Set once, when the region is first read.
ALTER TABLE detection_watermark ADD COLUMN started_at TIMESTAMPTZ NOT NULL;
