-- The task progress of each incident ("3/5 tasks" in the incidents list), kept by the task
-- module in the same transaction as the task write, so that lists need no per-incident count.
ALTER TABLE incident ADD COLUMN tasks_count INTEGER DEFAULT 0 NOT NULL;
ALTER TABLE incident ADD COLUMN completed_tasks_count INTEGER DEFAULT 0 NOT NULL;
UPDATE incident SET
  tasks_count = (SELECT COUNT(*) FROM incident_task t WHERE t.incident_id = incident.id),
  completed_tasks_count = (SELECT COUNT(*) FROM incident_task t
                           WHERE t.incident_id = incident.id AND t.status = 'Completed');
