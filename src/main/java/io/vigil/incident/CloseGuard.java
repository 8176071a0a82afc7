package io.vigil.incident;

/**
 * Lets a module that hangs things off incidents refuse their closing — the task module, while a
 * mandatory task is open. {@link IncidentService} asks every guard whenever an incident's status
 * becomes Closed, whoever closes it (the API, an automation rule, a playbook), inside the closing
 * transaction and with the incident locked, so the answer holds until the change commits.
 */
public interface CloseGuard {
  /**
   * Throws an {@link io.vigil.shared.ApiException} (409, with a code of its own and the blocking
   * items in its details) when the incident may not close now; returns when it may.
   */
  void checkClose(IncidentRef incident);
}
