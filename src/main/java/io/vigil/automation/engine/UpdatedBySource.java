package io.vigil.automation.engine;

/**
 * Values of {@code IncidentUpdatedBySource}: what made the change that triggered an update rule.
 */
public enum UpdatedBySource {
  /** An alert was attached to the incident. */
  Alert,
  /** A signed-in user, through the API or the UI. */
  User,
  /** An automation rule's action. */
  AutomationRule,
  /** A playbook's action. */
  Playbook,
  /** A machine client (an API token of a service account). */
  Application
}
