-- An incident's task counts are counted when it is read (IncidentRepository.complete) instead of
-- being kept on its row, which every task write used to update. The counts read through this
-- index, which also serves every lookup of an incident's tasks by incident alone, as the index it
-- replaces did.
ALTER TABLE incident DROP COLUMN tasks_count;
ALTER TABLE incident DROP COLUMN completed_tasks_count;
DROP INDEX incident_task_incident_ix;
CREATE INDEX incident_task_status_ix ON incident_task (incident_id, status);
