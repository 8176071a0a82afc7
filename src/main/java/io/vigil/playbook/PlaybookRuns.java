package io.vigil.playbook;

import io.vigil.audit.AuditTrail;
import io.vigil.playbook.engine.ActionRecord;
import io.vigil.playbook.engine.Status;
import io.vigil.playbook.engine.Workflow;
import io.vigil.playbook.internal.RunRepository;
import io.vigil.shared.Actor;
import io.vigil.shared.ApiException;
import io.vigil.shared.Page;
import io.vigil.shared.Times;
import io.vigil.workspace.Workspace;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * Starts playbook runs and reports on them. A run is queued in the caller's transaction, so that it
 * exists exactly when the change that asked for it does; {@code RunWorker} picks it up once that
 * transaction commits.
 */
@Service
public class PlaybookRuns {
  private final PlaybookService playbooks;
  private final Workflows workflows;
  private final RunRepository runs;
  private final TriggerBodies bodies;
  private final RunWorker worker;
  private final AuditTrail audit;
  private final ObjectMapper mapper;
  private final Clock clock;

  PlaybookRuns(
      PlaybookService playbooks,
      Workflows workflows,
      RunRepository runs,
      TriggerBodies bodies,
      RunWorker worker,
      AuditTrail audit,
      ObjectMapper mapper,
      Clock clock) {
    this.playbooks = playbooks;
    this.workflows = workflows;
    this.runs = runs;
    this.bodies = bodies;
    this.worker = worker;
    this.audit = audit;
    this.mapper = mapper;
    this.clock = clock;
  }

  /** Whether a playbook with this ARM id exists; automation rules check their RunPlaybook. */
  public boolean exists(String playbookResourceId) {
    return playbooks.find(playbookResourceId).isPresent();
  }

  /**
   * Queues a run of a playbook on an incident with the Sentinel trigger body its trigger expects:
   * the alert trigger's when the playbook has one and {@code alertName} is given, else the incident
   * trigger's. How automation rules and {@code runPlaybook} start playbooks.
   */
  @Transactional
  public PlaybookRun queueForIncident(
      Workspace workspace,
      String incidentName,
      long incidentId,
      String playbookResourceId,
      String eventType,
      String alertName,
      Actor actor) {
    Playbook playbook =
        playbooks
            .find(playbookResourceId)
            .orElseThrow(() -> PlaybookService.notFound(playbookResourceId));
    Workflow workflow = workflows.parse(playbook.definition());
    String triggerName = workflow.triggers().keySet().iterator().next();
    JsonNode body =
        workflow.triggerKind().equals("Alert") && alertName != null
            ? bodies.alert(workspace, incidentName, alertName)
            : bodies.incident(workspace, incidentName, eventType);
    return queue(playbook, triggerName, body, workspace.id(), incidentId, actor);
  }

  /** Logic Apps' manual trigger: runs the playbook with the request body as the trigger's. */
  @Transactional
  public PlaybookRun trigger(
      Scope scope, String name, String triggerName, JsonNode body, Actor actor) {
    Playbook playbook = playbooks.get(scope, name);
    Workflow workflow = workflows.parse(playbook.definition());
    String trigger =
        workflow.triggers().keySet().stream()
            .filter(t -> t.equalsIgnoreCase(triggerName))
            .findFirst()
            .orElseThrow(
                () ->
                    ApiException.notFound(
                        "The playbook '" + name + "' has no trigger '" + triggerName + "'."));
    return queue(
        playbook, trigger, body == null ? mapper.createObjectNode() : body, null, null, actor);
  }

  private PlaybookRun queue(
      Playbook playbook,
      String triggerName,
      JsonNode body,
      Long workspaceId,
      Long incidentId,
      Actor actor) {
    if (!playbook.enabled()) {
      throw ApiException.conflict(
          "WorkflowDisabled", "The playbook '" + playbook.name() + "' is disabled.");
    }
    PlaybookRun run =
        new PlaybookRun(
            0,
            playbook.id(),
            runName(),
            workspaceId,
            incidentId,
            Status.Waiting,
            triggerName,
            body,
            mapper.valueToTree(Map.of("type", actor.type().name(), "info", actor.info())),
            playbook.definition(),
            playbook.parameters(),
            null,
            null,
            false,
            Times.utc(clock.instant()),
            null,
            null);
    long id = runs.insert(run);
    audit.record(
        actor,
        "PlaybookRunQueued",
        playbook.resourceId() + "/runs/" + run.name(),
        Map.of("trigger", triggerName));
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(
          new TransactionSynchronization() {
            @Override
            public void afterCommit() {
              worker.wake();
            }
          });
    }
    return run.withId(id);
  }

  /** Names like Logic Apps': digits, "CU" and two more digits. */
  private static String runName() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return String.format(
        "0858%016d%05dCU%02d",
        random.nextLong(10_000_000_000_000_000L), random.nextInt(100_000), random.nextInt(100));
  }

  public Page<PlaybookRun> list(Scope scope, String name, int top, String skipToken) {
    return runs.list(playbooks.get(scope, name).id(), null, top, skipToken);
  }

  public PlaybookRun get(Scope scope, String name, String runName) {
    return runs.find(playbooks.get(scope, name).id(), runName)
        .orElseThrow(
            () ->
                new ApiException(
                    HttpStatus.NOT_FOUND,
                    "WorkflowRunNotFound",
                    "The run '" + runName + "' of playbook '" + name + "' was not found."));
  }

  public List<ActionRecord> actions(PlaybookRun run) {
    return runs.actions(run.id());
  }

  /** Asks a waiting or running run to stop; it ends Cancelled before its next action. */
  @Transactional
  public void cancel(Scope scope, String name, String runName, Actor actor) {
    PlaybookRun run = get(scope, name, runName);
    if (!runs.requestCancel(run.id())) {
      throw ApiException.conflict(
          "WorkflowRunNotRunning",
          "The run '" + runName + "' has already finished (" + run.status() + ").");
    }
    audit.record(
        actor, "PlaybookRunCancelled", scope.workflowId(name) + "/runs/" + runName, Map.of());
  }
}
