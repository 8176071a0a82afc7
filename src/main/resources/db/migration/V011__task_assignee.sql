-- Who a task is assigned to: a user (a Vigil account, by user name, with the display name it had
-- when assigned) or a role of the workspace (by role name). All three are null while the task is
-- assigned to no one.
ALTER TABLE incident_task ADD COLUMN assigned_to_type VARCHAR(16);
ALTER TABLE incident_task ADD COLUMN assigned_to_name VARCHAR(256);
ALTER TABLE incident_task ADD COLUMN assigned_to_display_name VARCHAR(256);
