package io.vigil.automation;

import io.vigil.automation.AutomationRun.ActionOutcome;
import io.vigil.automation.engine.CompiledRule;
import io.vigil.automation.engine.Condition;
import io.vigil.automation.engine.Facts;
import io.vigil.automation.engine.RuleAction;
import io.vigil.automation.engine.Trigger;
import io.vigil.automation.engine.UpdatedBySource;
import io.vigil.automation.internal.AutomationHistoryRepository;
import io.vigil.incident.Alert;
import io.vigil.incident.FieldChange;
import io.vigil.incident.Incident;
import io.vigil.incident.IncidentEvent;
import io.vigil.incident.IncidentInput;
import io.vigil.incident.IncidentService;
import io.vigil.incident.Label;
import io.vigil.shared.Actor;
import io.vigil.shared.ApiException;
import io.vigil.shared.Times;
import io.vigil.task.TaskInput;
import io.vigil.task.TaskService;
import io.vigil.task.TaskStatus;
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
import org.springframework.context.event.EventListener;
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
public class AutomationRunner {
  private static final Logger log = LoggerFactory.getLogger(AutomationRunner.class);

  private final AutomationRuleService rules;
  private final IncidentService incidents;
  private final TaskService tasks;
  private final WorkspaceService workspaces;
  private final AutomationHistoryRepository history;
  private final TransactionTemplate savepoint;
  private final Clock clock;
  private final int maxDepth;

  AutomationRunner(
      AutomationRuleService rules,
      IncidentService incidents,
      TaskService tasks,
      WorkspaceService workspaces,
      AutomationHistoryRepository history,
      PlatformTransactionManager transactions,
      Clock clock,
      @Value("${vigil.automation.max-cascade-depth}") int maxDepth) {
    this.rules = rules;
    this.incidents = incidents;
    this.tasks = tasks;
    this.workspaces = workspaces;
    this.history = history;
    this.savepoint = new TransactionTemplate(transactions);
    this.savepoint.setPropagationBehavior(TransactionDefinition.PROPAGATION_NESTED);
    this.clock = clock;
    this.maxDepth = maxDepth;
  }

  @EventListener
  void on(IncidentEvent event) {
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

    @Override
    public void beforeCommit(boolean readOnly) {
      while (!queue.isEmpty()) {
        Queued next = queue.poll();
        for (Trigger trigger : triggers(next.event(), created)) {
          if (next.depth() > maxDepth) {
            cascadeLimit(next.event(), trigger);
            continue;
          }
          depth = next.depth();
          run(trigger, next.event());
        }
      }
    }

    @Override
    public void afterCompletion(int status) {
      TransactionSynchronizationManager.unbindResourceIfPossible(AutomationRunner.this);
    }
  }

  /** The triggers a change fires, as Sentinel defines them. */
  static List<Trigger> triggers(IncidentEvent event, Set<Long> createdInThisTransaction) {
    String source = source(event);
    return switch (event.type()) {
      case IncidentCreated -> List.of(Trigger.created(source));
      case AlertAdded -> {
        List<Trigger> triggers = new ArrayList<>(List.of(Trigger.alertCreated(source)));
        if (!createdInThisTransaction.contains(event.incidentId())) {
          triggers.add(update(event, source, EnumSet.of(Trigger.ArrayChange.Alerts)));
        }
        yield triggers;
      }
      case CommentAdded -> List.of(update(event, source, EnumSet.of(Trigger.ArrayChange.Comments)));
      case IncidentUpdated -> {
        Trigger trigger = update(event, source, EnumSet.noneOf(Trigger.ArrayChange.class));
        yield trigger.changes().isEmpty() && trigger.added().isEmpty()
            ? List.of()
            : List.of(trigger);
      }
      default -> List.of();
    };
  }

  private static Trigger update(
      IncidentEvent event, String source, Set<Trigger.ArrayChange> added) {
    Map<Trigger.ChangedProperty, Trigger.Change> changes =
        new EnumMap<>(Trigger.ChangedProperty.class);
    Set<Trigger.ArrayChange> arrays = EnumSet.noneOf(Trigger.ArrayChange.class);
    arrays.addAll(added);
    for (FieldChange change : event.changes()) {
      switch (change.field()) {
        case "severity" -> changes.put(Trigger.ChangedProperty.IncidentSeverity, change(change));
        case "status" -> changes.put(Trigger.ChangedProperty.IncidentStatus, change(change));
        case "owner" -> changes.put(Trigger.ChangedProperty.IncidentOwner, change(change));
        case "labels" -> {
          if (grew(change)) {
            arrays.add(Trigger.ArrayChange.Labels);
          }
        }
        case "tactics" -> {
          if (grew(change)) {
            arrays.add(Trigger.ArrayChange.Tactics);
          }
        }
        default -> {
          // other properties do not fire update rules
        }
      }
    }
    return new Trigger(Trigger.Kind.IncidentUpdated, source, changes, arrays);
  }

  private static Trigger.Change change(FieldChange change) {
    return new Trigger.Change(values(change.oldValue()), values(change.newValue()));
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
    };
  }

  private void run(Trigger trigger, IncidentEvent event) {
    Workspace workspace = workspaces.byId(event.workspaceId());
    OffsetDateTime now = Times.utc(clock.instant());
    List<CompiledRule> candidates =
        rules.runOrder(workspace).stream()
            .filter(rule -> rule.trigger() == trigger.kind() && rule.isActive(now))
            .toList();
    if (candidates.isEmpty()) {
      return;
    }
    Optional<Incident> incident = incidents.find(workspace, event.incidentName());
    Facts facts = null;
    for (CompiledRule rule : candidates) {
      if (incident.isEmpty()) {
        return; // deleted meanwhile
      }
      if (facts == null) {
        facts = facts(workspace, incident.get(), trigger, event);
      }
      if (!rule.matches(new Condition.Evaluation(facts, trigger))) {
        continue;
      }
      List<ActionOutcome> outcomes = new ArrayList<>();
      boolean modified = false;
      for (RuleAction action : rule.actions()) {
        outcomes.add(apply(workspace, incident.get(), rule, action));
        modified |= action instanceof RuleAction.ModifyProperties;
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
        // Later rules see what this one changed.
        incident = incidents.find(workspace, event.incidentName());
        facts = null;
      }
    }
  }

  private Facts facts(
      Workspace workspace, Incident incident, Trigger trigger, IncidentEvent event) {
    List<Alert> alerts = incidents.alerts(workspace, incident.name());
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
        incidents.entities(workspace, incident.name()).stream()
            .map(e -> new IncidentFacts.EntityFact(e.kind(), e.properties()))
            .toList(),
        alerts.stream().map(a -> (JsonNode) a.properties()).toList(),
        trigger.updatedBySource(),
        triggeringAlert);
  }

  /** Applies one action in a savepoint: a failing action is recorded and undone, alone. */
  private ActionOutcome apply(
      Workspace workspace, Incident incident, CompiledRule rule, RuleAction action) {
    Actor actor = Actor.automationRule(rule.name(), rule.displayName());
    try {
      String detail = savepoint.execute(status -> perform(workspace, incident, actor, action));
      return new ActionOutcome(action.order(), action.actionType(), "Succeeded", detail);
    } catch (ApiException e) {
      return new ActionOutcome(action.order(), action.actionType(), "Failed", e.getMessage());
    } catch (RuntimeException e) {
      log.error("Automation rule {} failed on incident {}", rule.name(), incident.name(), e);
      return new ActionOutcome(
          action.order(), action.actionType(), "Failed", "The action failed unexpectedly.");
    }
  }

  private String perform(Workspace workspace, Incident incident, Actor actor, RuleAction action) {
    if (action instanceof RuleAction.AddIncidentTask add) {
      var task =
          tasks.add(
              incidents.lock(workspace, incident.name()),
              new TaskInput(add.title(), add.description(), TaskStatus.New),
              actor);
      return "Added task '" + task.title() + "' (" + task.name() + ")";
    }
    if (action instanceof RuleAction.ModifyProperties modify) {
      Incident current = incidents.get(workspace, incident.name());
      incidents.put(workspace, incident.name(), modified(current, modify), null, actor);
      return "Modified " + String.join(", ", fields(modify));
    }
    RuleAction.RunPlaybook run = (RuleAction.RunPlaybook) action;
    long id =
        history.queuePlaybookRun(
            workspace.id(),
            incident.id(),
            run.logicAppResourceId(),
            run.tenantId(),
            actor.info().name(),
            Times.utc(clock.instant()));
    return "Queued run " + id + " of playbook " + run.logicAppResourceId();
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
        modify.classificationReason() != null
            ? modify.classificationReason()
            : current.classificationReason(),
        modify.classificationComment() != null
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
