-- Task due times. due_time is absolute; due_after_created holds the ISO-8601 duration when the due
-- time was given relative to the incident's creation; due_source says whether it was given for the
-- task or came from the workspace's default for the incident's severity.
ALTER TABLE incident_task ADD COLUMN due_time TIMESTAMP WITH TIME ZONE;
ALTER TABLE incident_task ADD COLUMN due_after_created VARCHAR(64);
ALTER TABLE incident_task ADD COLUMN due_source VARCHAR(16);
-- When the task's overdue transition was recorded (null until then).
ALTER TABLE incident_task ADD COLUMN overdue_recorded_time TIMESTAMP WITH TIME ZONE;
-- The due time the overdue check waits for: set while the task has a due time, is neither Completed
-- nor Not applicable, and its lapse is not yet recorded; null otherwise. The check reads this index
-- from its low end, so tasks already recorded, settled or without a due time cost it nothing.
ALTER TABLE incident_task ADD COLUMN due_watch TIMESTAMP WITH TIME ZONE;
CREATE INDEX incident_task_due_watch_ix ON incident_task (due_watch);

-- A workspace's default due time per incident severity, relative to the incident's creation.
CREATE TABLE task_due_default (
  workspace_id  BIGINT      NOT NULL REFERENCES workspace (id) ON DELETE CASCADE,
  severity      VARCHAR(16) NOT NULL,
  after_created VARCHAR(64) NOT NULL,
  PRIMARY KEY (workspace_id, severity)
);
