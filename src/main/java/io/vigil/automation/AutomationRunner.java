package io.vigil.automation;

import io.vigil.automation.AutomationRun.ActionOutcome;
import io.vigil.automation.engine.CompiledRule;
import io.vigil.automation.engine.Condition;
import io.vigil.automation.engine.Facts;
import io.vigil.automation.engine.RuleAction;
import io.vigil.automation.engine.RuleSet;
import io.vigil.automation.engine.Trigger;
import io.vigil.automation.engine.UpdatedBySource;
import io.vigil.automation.internal.AutomationHistoryRepository;
import io.vigil.incident.Alert;
import io.vigil.incident.FieldChange;
import io.vigil.incident.Incident;
import io.vigil.incident.IncidentEvent;
import io.vigil.incident.IncidentEvents;
import io.vigil.incident.IncidentInput;
import io.vigil.incident.IncidentService;
import io.vigil.incident.Label;
import io.vigil.playbook.PlaybookRun;
import io.vigil.playbook.PlaybookRuns;
import io.vigil.shared.Actor;
import io.vigil.shared.ApiException;
import io.vigil.shared.Times;
import io.vigil.task.TaskInput;
import io.vigil.task.TaskService;
import io.vigil.task.TaskStatus;
import io.vigil.task.TaskTemplateService;
import io.vigil.workspace.Workspace;
import io.vigil.workspace.WorkspaceService;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Deque;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;

/**
 * Applies automation rules to the changes of a transaction, just before it commits.
 *
 * <p>Every {@link IncidentEvent} of the transaction is queued; at commit the queue is drained in
 * order. An incident creation runs the create rules, an alert the alert rules, an update (status,
 * severity or owner changed; alerts, comments, labels or tactics added) the update rules — each set
 * in run order, every rule seeing the incident as earlier rules left it. What the actions change is
 * queued in turn, one level deeper, so automation can fire update rules; past {@code
 * vigil.automation.max-cascade-depth} levels nothing more runs, which bounds any loop. Everything
 * commits with the change that started it, or not at all: a change is processed exactly once.
 */
@Component
public class AutomationRunner implements IncidentEvents.Listener {
  private static final Logger log = LoggerFactory.getLogger(AutomationRunner.class);

  private final AutomationRuleService rules;
  private final IncidentService incidents;
  private final TaskService tasks;
  private final TaskTemplateService templates;
  private final WorkspaceService workspaces;
  private final AutomationHistoryRepository history;
  private final PlaybookRuns playbookRuns;
  private final TransactionTemplate savepoint;
  private final Clock clock;
  private final int maxDepth;

  AutomationRunner(
      AutomationRuleService rules,
      IncidentService incidents,
      TaskService tasks,
      TaskTemplateService templates,
      WorkspaceService workspaces,
      AutomationHistoryRepository history,
      PlaybookRuns playbookRuns,
      PlatformTransactionManager transactions,
      Clock clock,
      @Value("${vigil.automation.max-cascade-depth}") int maxDepth) {
    this.rules = rules;
    this.incidents = incidents;
    this.tasks = tasks;
    this.templates = templates;
    this.workspaces = workspaces;
    this.history = history;
    this.playbookRuns = playbookRuns;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.clock = clock;
    this.maxDepth = maxDepth;
  }

  @Override
  public void on(IncidentEvent event) {
    if (!TransactionSynchronizationManager.isSynchronizationActive()) {
      return; // events are only ever recorded inside a transaction
    }
    Pending pending = (Pending) TransactionSynchronizationManager.getResource(this);
    if (pending == null) {
      pending = new Pending();
      TransactionSynchronizationManager.bindResource(this, pending);
      TransactionSynchronizationManager.registerSynchronization(pending);
    }
    pending.add(event);
  }

  /** One queued change and the cascade level it belongs to (0: the request's own changes). */
  private record Queued(IncidentEvent event, int depth) {}

  /** The changes of one transaction, drained just before it commits. */
  private final class Pending implements TransactionSynchronization {
    private final Deque<Queued> queue = new ArrayDeque<>();
    private final Set<Long> created = new HashSet<>();
    private int depth = -1;

    void add(IncidentEvent event) {
      if (event.type() == IncidentEvent.Type.IncidentCreated) {
        created.add(event.incidentId());
      }
      queue.add(new Queued(event, depth + 1));
    }

    /** Drops what was queued after {@code size}: the events of an action that was undone. */
    void truncate(int size) {
      while (queue.size() > size) {
        queue.pollLast();
      }
    }

    int size() {
      return queue.size();
    }

    @Override
    public void beforeCommit(boolean readOnly) {
      while (!queue.isEmpty()) {
        // The changes one request, or one level of automation, made to one incident fire the
        // update rules once, not once per change.
        List<Queued> batch = new ArrayList<>(List.of(queue.poll()));
        while (!queue.isEmpty()
            && queue.peek().depth() == batch.get(0).depth()
            && queue.peek().event().incidentId() == batch.get(0).event().incidentId()) {
          batch.add(queue.poll());
        }
        int level = batch.get(0).depth();
        for (Map.Entry<Trigger, IncidentEvent> work : triggers(batch, created)) {
          if (level > maxDepth) {
            cascadeLimit(work.getValue(), work.getKey());
            continue;
          }
          depth = level;
          run(work.getKey(), work.getValue(), this);
        }
      }
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(AutomationRunner.this);
    }
  }

  /**
   * The triggers a batch of changes to one incident fires, as Sentinel defines them, each with the
   * event that stands for it: the creation, each alert, and one update merging every change.
   */
  private static List<Map.Entry<Trigger, IncidentEvent>> triggers(
      List<Queued> batch, Set<Long> createdInThisTransaction) {
    List<Map.Entry<Trigger, IncidentEvent>> triggers = new ArrayList<>();
    Map<Trigger.ChangedProperty, Trigger.Change> changes =
        new EnumMap<>(Trigger.ChangedProperty.class);
    Set<Trigger.ArrayChange> added = EnumSet.noneOf(Trigger.ArrayChange.class);
    IncidentEvent updateEvent = null;
    String updateSource = null;
    for (Queued queued : batch) {
      IncidentEvent event = queued.event();
      String source = source(event);
      switch (event.type()) {
        case IncidentCreated -> triggers.add(Map.entry(Trigger.created(source), event));
        case AlertAdded -> {
          triggers.add(Map.entry(Trigger.alertCreated(source), event));
          if (!createdInThisTransaction.contains(event.incidentId())) {
            added.add(Trigger.ArrayChange.Alerts);
            collect(event, changes, added);
            if (updateEvent == null) {
              updateEvent = event;
              updateSource = source;
            }
          }
        }
        case CommentAdded, IncidentUpdated -> {
          int before = changes.size() + added.size();
          if (event.type() == IncidentEvent.Type.CommentAdded) {
            added.add(Trigger.ArrayChange.Comments);
          }
          collect(event, changes, added);
          if (changes.size() + added.size() > before) {
            // A user's change names the source over the alerts that came with it.
            updateEvent = event;
            updateSource = source;
          }
        }
        default -> {
          // tasks and deletions fire no rules
        }
      }
    }
    if (updateEvent != null) {
      triggers.add(
          Map.entry(
              new Trigger(Trigger.Kind.IncidentUpdated, updateSource, changes, added),
              updateEvent));
    }
    return triggers;
  }

  /** Adds what an event changed: severity, status and owner; labels and tactics that grew. */
  private static void collect(
      IncidentEvent event,
      Map<Trigger.ChangedProperty, Trigger.Change> changes,
      Set<Trigger.ArrayChange> added) {
    for (FieldChange change : event.changes()) {
      Trigger.ChangedProperty property =
          switch (change.field()) {
            case "severity" -> Trigger.ChangedProperty.IncidentSeverity;
            case "status" -> Trigger.ChangedProperty.IncidentStatus;
            case "owner" -> Trigger.ChangedProperty.IncidentOwner;
            default -> null;
          };
      if (property != null) {
        Trigger.Change earlier = changes.get(property);
        changes.put(
            property,
            new Trigger.Change(
                earlier != null ? earlier.oldValues() : values(change.oldValue()),
                values(change.newValue())));
      } else if (change.field().equals("labels") && grew(change)) {
        added.add(Trigger.ArrayChange.Labels);
      } else if (change.field().equals("tactics") && grew(change)) {
        added.add(Trigger.ArrayChange.Tactics);
      }
    }
  }

  /** The lower-cased values of a changed property; an owner counts by each of its fields. */
  private static List<String> values(Object value) {
    List<String> values = new ArrayList<>();
    if (value instanceof Map<?, ?> owner) {
      owner.forEach(
          (k, v) -> {
            if (v != null && !"ownerType".equals(k)) {
              values.add(v.toString().toLowerCase(Locale.ROOT));
            }
          });
    } else if (value != null) {
      values.add(value.toString().toLowerCase(Locale.ROOT));
    }
    return values;
  }

  private static boolean grew(FieldChange change) {
    Set<String> before = new HashSet<>();
    if (change.oldValue() instanceof Collection<?> old) {
      old.forEach(v -> before.add(String.valueOf(v).toLowerCase(Locale.ROOT)));
    }
    if (change.newValue() instanceof Collection<?> now) {
      for (Object value : now) {
        if (!before.contains(String.valueOf(value).toLowerCase(Locale.ROOT))) {
          return true;
        }
      }
    }
    return false;
  }

  private static String source(IncidentEvent event) {
    if (event.type() == IncidentEvent.Type.AlertAdded) {
      return UpdatedBySource.Alert.name();
    }
    return switch (event.actor().type()) {
      case User -> UpdatedBySource.User.name();
      case AutomationRule -> UpdatedBySource.AutomationRule.name();
      case Playbook -> UpdatedBySource.Playbook.name();
      // Vigil's own events (a task falling overdue) concern tasks, which fire no rules.
      case System -> UpdatedBySource.Application.name();
    };
  }

  private void run(Trigger trigger, IncidentEvent event, Pending pending) {
    Workspace workspace = workspaces.byId(event.workspaceId());
    OffsetDateTime now = Times.utc(clock.instant());
    RuleSet ruleSet = rules.ruleSet(workspace);
    List<CompiledRule> all = ruleSet.rules();
    if (all.stream().noneMatch(rule -> rule.trigger() == trigger.kind() && rule.isActive(now))) {
      return;
    }
    Optional<Incident> incident = incidents.findLocked(workspace, event.incidentName());
    RuleSet.Matcher matcher = null;
    for (int i = 0; i < all.size(); i++) {
      CompiledRule rule = all.get(i);
      if (rule.trigger() != trigger.kind() || !rule.isActive(now)) {
        continue;
      }
      if (incident.isEmpty()) {
        return; // deleted meanwhile
      }
      if (matcher == null) {
        matcher =
            ruleSet.matcher(
                new Condition.Evaluation(facts(incident.get(), trigger, event), trigger));
      }
      if (!matcher.matches(i)) {
        continue;
      }
      List<ActionOutcome> outcomes = new ArrayList<>();
      boolean modified = false;
      for (RuleAction action : rule.actions()) {
        outcomes.add(apply(workspace, incident.get(), rule, action, pending, trigger, event));
        if (action instanceof RuleAction.ModifyProperties) {
          // The rule's next actions (a task's default due time follows the severity) and later
          // rules see what this one changed.
          incident = incidents.find(workspace, event.incidentName());
          modified = true;
        }
      }
      history.record(
          workspace.id(),
          incident.get().id(),
          new AutomationRun(
              rule.name(),
              rule.displayName(),
              trigger.kind().name(),
              trigger.kind() == Trigger.Kind.AlertCreated ? event.subject() : null,
              outcomes,
              now));
      if (modified) {
        matcher = null;
      }
    }
  }

  private Facts facts(Incident incident, Trigger trigger, IncidentEvent event) {
    List<Alert> alerts = incidents.alerts(incident);
    JsonNode triggeringAlert = null;
    if (trigger.kind() == Trigger.Kind.AlertCreated) {
      triggeringAlert =
          alerts.stream()
              .filter(a -> a.name().equalsIgnoreCase(event.subject()))
              .findFirst()
              .map(Alert::properties)
              .orElse(null);
    }
    return IncidentFacts.of(
        incident,
        incidents.entities(incident).stream()
            .map(e -> new IncidentFacts.EntityFact(e.kind(), e.properties()))
            .toList(),
        alerts.stream().map(a -> (JsonNode) a.properties()).toList(),
        trigger.updatedBySource(),
        triggeringAlert);
  }

  /** Applies one action in a savepoint: a failing action is recorded and undone, alone. */
  private ActionOutcome apply(
      Workspace workspace,
      Incident incident,
      CompiledRule rule,
      RuleAction action,
      Pending pending,
      Trigger trigger,
      IncidentEvent event) {
    Actor actor = Actor.automationRule(rule.name(), rule.displayName());
    int queued = pending.size();
    try {
      String detail =
          savepoint.execute(status -> perform(workspace, incident, actor, action, trigger, event));
      return new ActionOutcome(action.order(), action.actionType(), "Succeeded", detail);
    } catch (ApiException e) {
      pending.truncate(queued); // what an undone action changed fires nothing
      return new ActionOutcome(action.order(), action.actionType(), "Failed", e.getMessage());
    } catch (RuntimeException e) {
      pending.truncate(queued);
      log.error("Automation rule {} failed on incident {}", rule.name(), incident.name(), e);
      return new ActionOutcome(
          action.order(), action.actionType(), "Failed", "The action failed unexpectedly.");
    }
  }

  private String perform(
      Workspace workspace,
      Incident incident,
      Actor actor,
      RuleAction action,
      Trigger trigger,
      IncidentEvent event) {
    if (action instanceof RuleAction.AddIncidentTask add) {
      var task =
          tasks.add(
              incident.ref(), // locked by run()
              new TaskInput(
                  add.title(),
                  add.description(),
                  TaskStatus.New,
                  add.mandatory(),
                  null,
                  add.assignedTo(),
                  add.dueAfterIncidentCreated() == null
                      ? null
                      : new TaskInput.DueChange(null, add.dueAfterIncidentCreated())),
              actor);
      return "Added task '" + task.title() + "' (" + task.name() + ")";
    }
    if (action instanceof RuleAction.AddTaskTemplate add) {
      TaskTemplateService.Applied applied =
          templates.apply(
              workspace,
              incident.name(),
              add.templateName(),
              null,
              "actionConfiguration.templateName",
              actor);
      return "Applied task template '"
          + applied.template().name()
          + "' version "
          + applied.template().version()
          + ": added "
          + applied.added().size()
          + " tasks, "
          + applied.alreadyPresent().size()
          + " already there";
    }
    if (action instanceof RuleAction.ModifyProperties modify) {
      Incident current = incidents.get(workspace, incident.name());
      incidents.put(workspace, incident.name(), modified(current, modify), null, actor);
      return "Modified " + String.join(", ", fields(modify));
    }
    RuleAction.RunPlaybook run = (RuleAction.RunPlaybook) action;
    PlaybookRun queued =
        playbookRuns.queueForIncident(
            workspace,
            incident.name(),
            incident.id(),
            run.logicAppResourceId(),
            trigger.kind() == Trigger.Kind.IncidentCreated ? "Create" : "Update",
            trigger.kind() == Trigger.Kind.AlertCreated ? event.subject() : null,
            actor);
    return "Queued run " + queued.name() + " of playbook " + run.logicAppResourceId();
  }

  /** The incident with a ModifyProperties action applied: labels are added, never replaced. */
  static IncidentInput modified(Incident current, RuleAction.ModifyProperties modify) {
    List<Label> labels = new ArrayList<>(current.labels());
    labels.addAll(modify.labels());
    return new IncidentInput(
        current.title(),
        current.description(),
        modify.severity() != null ? modify.severity() : current.severity(),
        modify.status() != null ? modify.status() : current.status(),
        modify.classification() != null ? modify.classification() : current.classification(),
        // A new classification brings its own reason and comment.
        modify.classification() != null
            ? modify.classificationReason()
            : current.classificationReason(),
        modify.classification() != null
            ? modify.classificationComment()
            : current.classificationComment(),
        modify.owner() != null ? modify.owner() : current.owner(),
        labels,
        current.firstActivityTimeUtc(),
        current.lastActivityTimeUtc(),
        null,
        null,
        List.of(),
        List.of(),
        List.of());
  }

  static List<String> fields(RuleAction.ModifyProperties modify) {
    List<String> fields = new ArrayList<>();
    if (modify.severity() != null) {
      fields.add("severity to " + modify.severity());
    }
    if (modify.status() != null) {
      fields.add("status to " + modify.status());
    }
    if (modify.classification() != null) {
      fields.add("classification to " + modify.classification());
    }
    if (modify.owner() != null) {
      fields.add("owner");
    }
    if (!modify.labels().isEmpty()) {
      fields.add("labels +" + modify.labels().stream().map(Label::labelName).toList());
    }
    return fields;
  }

  private void cascadeLimit(IncidentEvent event, Trigger trigger) {
    Workspace workspace = workspaces.byId(event.workspaceId());
    OffsetDateTime now = Times.utc(clock.instant());
    if (rules.runOrder(workspace).stream()
        .noneMatch(rule -> rule.trigger() == trigger.kind() && rule.isActive(now))) {
      return; // nothing would have run
    }
    log.warn(
        "Automation cascade on incident {} stopped at depth {}", event.incidentName(), maxDepth);
    history.record(
        event.workspaceId(),
        event.incidentId(),
        new AutomationRun(
            "",
            "Cascade limit reached",
            trigger.kind().name(),
            null,
            List.of(
                new ActionOutcome(
                    0,
                    "None",
                    "Skipped",
                    "Changes made by automation "
                        + (maxDepth + 1)
                        + " levels deep fire no further rules (vigil.automation.max-cascade-depth)")),
            Times.utc(clock.instant())));
  }
}
