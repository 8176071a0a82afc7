package io.vigil.automation;

import io.vigil.automation.internal.AutomationHistoryRepository;
import io.vigil.incident.IncidentService;
import io.vigil.shared.Page;
import io.vigil.workspace.Workspace;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** The automation history of incidents: which rules ran, when, and what each action did. */
@Service
public class AutomationHistory {
  private final AutomationHistoryRepository repository;
  private final IncidentService incidents;

  AutomationHistory(AutomationHistoryRepository repository, IncidentService incidents) {
    this.repository = repository;
    this.incidents = incidents;
  }

  @Transactional(readOnly = true)
  public Page<AutomationRun> runs(
      Workspace workspace, String incidentName, int top, String skipToken) {
    return repository.list(incidents.get(workspace, incidentName).id(), top, skipToken);
  }
}
