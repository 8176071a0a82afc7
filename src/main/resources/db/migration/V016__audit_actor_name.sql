-- An automation rule's display name may be 500 characters, and a rule's actions are audited under
-- it: the actor's name must fit, or every action of such a rule fails.
ALTER TABLE audit_record ALTER COLUMN actor_name SET DATA TYPE VARCHAR(1024);
