-- Vigil's task extensions: mandatory tasks, "Not applicable" with its reason and who set it when,
-- and a manual order. list_position orders an incident's tasks; moving a task renumbers the
-- incident's tasks 1..n and a new task takes the incident's highest position + 1, so it appends.
-- Existing tasks keep their creation order.
ALTER TABLE incident_task ADD COLUMN mandatory BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE incident_task ADD COLUMN not_applicable_reason VARCHAR(2000);
ALTER TABLE incident_task ADD COLUMN not_applicable_by VARCHAR(2000);
ALTER TABLE incident_task ADD COLUMN not_applicable_time TIMESTAMP WITH TIME ZONE;
ALTER TABLE incident_task ADD COLUMN list_position BIGINT;
UPDATE incident_task SET list_position = id;
ALTER TABLE incident_task ALTER COLUMN list_position SET NOT NULL;
CREATE INDEX incident_task_position_ix ON incident_task (incident_id, list_position, id);
