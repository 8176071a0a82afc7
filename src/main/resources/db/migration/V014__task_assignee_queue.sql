-- The "My tasks" queue finds a caller's tasks by their assignee: the user's name, or each role the
-- caller holds (type and name are compared for equality). Ending in incident_id lets the query
-- join each task to its incident, which says the workspace, without reading the task row first.
CREATE INDEX incident_task_assignee_ix ON incident_task (assigned_to_type, assigned_to_name, incident_id);
