package io.vigil.automation.engine;

import io.vigil.incident.Classification;
import io.vigil.incident.ClassificationReason;
import io.vigil.incident.IncidentStatus;
import io.vigil.incident.Label;
import io.vigil.incident.Owner;
import io.vigil.incident.Severity;
import io.vigil.task.TaskInput;
import java.time.Duration;
import java.util.List;

/** A compiled action of an automation rule; actions run in their {@code order}. */
public sealed interface RuleAction {
  int order();

  String actionType();

  /**
   * {@code AddIncidentTask}: adds a task (description already sanitised); {@code mandatory}, {@code
   * assignedTo} (null: no one) and {@code dueAfterIncidentCreated} (null: the workspace's default
   * for the incident's severity) are Vigil's extensions of the action configuration.
   */
  record AddIncidentTask(
      int order,
      String title,
      String description,
      boolean mandatory,
      TaskInput.AssigneeChange assignedTo,
      Duration dueAfterIncidentCreated)
      implements RuleAction {
    @Override
    public String actionType() {
      return "AddIncidentTask";
    }
  }

  /**
   * {@code AddTaskTemplate} (Vigil's): adds the tasks of the workspace's task template {@code
   * templateName}, in its current version, that the incident does not have yet.
   */
  record AddTaskTemplate(int order, String templateName) implements RuleAction {
    @Override
    public String actionType() {
      return "AddTaskTemplate";
    }
  }

  /** {@code ModifyProperties}: each non-null field is set; labels are added, never replaced. */
  record ModifyProperties(
      int order,
      Severity severity,
      IncidentStatus status,
      Classification classification,
      ClassificationReason classificationReason,
      String classificationComment,
      Owner owner,
      List<Label> labels)
      implements RuleAction {
    @Override
    public String actionType() {
      return "ModifyProperties";
    }
  }

  /** {@code RunPlaybook}: queues a run of the playbook for the incident. */
  record RunPlaybook(int order, String logicAppResourceId, String tenantId) implements RuleAction {
    @Override
    public String actionType() {
      return "RunPlaybook";
    }
  }
}
