package io.vigil.incident;

import io.vigil.incident.internal.IncidentQuery;
import io.vigil.incident.internal.IncidentRepository;
import io.vigil.incident.internal.ProvenanceRepository;
import io.vigil.shared.Actor;
import io.vigil.shared.ApiException;
import io.vigil.shared.Etags;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Page;
import io.vigil.shared.Times;
import io.vigil.workspace.Workspace;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import tools.jackson.databind.node.ObjectNode;

/**
 * The incidents of a workspace: create-or-update, read, delete, list, and the ingestion of alerts
 * and entities. Every change records an {@link IncidentEvent} in its transaction.
 */
@Service
public class IncidentService {
  /** Names of incidents, comments and tasks: what ARM accepts as a resource name, and no more. */
  public static final Pattern RESOURCE_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,255}");

  private static final Pattern ANALYTIC_RULE_ID =
      Pattern.compile(
          "(?i)/subscriptions/[^/]+/resourceGroups/[^/]+/providers/Microsoft\\.OperationalInsights"
              + "/workspaces/[^/]+/providers/Microsoft\\.SecurityInsights/alertRules/[^/]+");

  private final IncidentRepository incidents;
  private final ProvenanceRepository provenance;
  private final IncidentEvents events;
  private final EntityIdentity entityIdentity;
  private final List<CloseGuard> closeGuards;
  private final Clock clock;

  IncidentService(
      IncidentRepository incidents,
      ProvenanceRepository provenance,
      IncidentEvents events,
      EntityIdentity entityIdentity,
      List<CloseGuard> closeGuards,
      Clock clock) {
    this.closeGuards = List.copyOf(closeGuards);
    this.incidents = incidents;
    this.provenance = provenance;
    this.events = events;
    this.entityIdentity = entityIdentity;
    this.clock = clock;
  }

  /** The result of a create-or-update. */
  public record Saved(Incident incident, boolean created) {}

  /**
   * Creates the incident {@code name} or replaces its writable properties. {@code expectedEtag}
   * (from the body or {@code If-Match}) must match the stored etag when given.
   */
  @Transactional
  public Saved put(
      Workspace workspace, String name, IncidentInput input, String expectedEtag, Actor actor) {
    checkName("incidentId", name);
    validate(input);
    Optional<Incident> existing = incidents.find(workspace.id(), name, true, ids(workspace));
    Etags.check(expectedEtag, existing.map(Incident::etag).orElse(null));
    OffsetDateTime now = now();
    if (existing.isEmpty()) {
      return new Saved(create(workspace, name, input, actor, now), true);
    }
    return new Saved(update(workspace, existing.get(), input, actor, now), false);
  }

  private Incident create(
      Workspace workspace, String name, IncidentInput input, Actor actor, OffsetDateTime now) {
    Incident draft =
        new Incident(
            0,
            workspace.id(),
            null,
            name,
            incidents.nextNumber(workspace.id()),
            Etags.next(),
            input.title(),
            input.description(),
            input.severity(),
            input.status(),
            closing(input) ? input.classification() : null,
            closing(input) ? input.classificationReason() : null,
            closing(input) ? input.classificationComment() : null,
            input.owner() == null ? Owner.UNASSIGNED : input.owner(),
            distinctLabels(input.labels()),
            input.firstActivityTimeUtc(),
            input.lastActivityTimeUtc(),
            now,
            now,
            input.providerName(),
            input.providerIncidentId(),
            union(List.of(), input.relatedAnalyticRuleIds()),
            0,
            0,
            0,
            0,
            List.of(),
            List.of(),
            List.of());
    incidents.insert(draft);
    Incident created = incidents.find(workspace.id(), name, false, ids(workspace)).orElseThrow();
    List<FieldChange> changes = diff(null, created);
    addEntities(created, input.entities(), changes);
    events.record(event(IncidentEvent.Type.IncidentCreated, created, null, actor, changes, now));
    attach(created, input.alerts(), actor, now);
    return incidents.find(workspace.id(), name, false, ids(workspace)).orElseThrow();
  }

  private Incident update(
      Workspace workspace, Incident old, IncidentInput input, Actor actor, OffsetDateTime now) {
    if (input.providerName() != null
        && old.providerName() != null
        && !input.providerName().equals(old.providerName())) {
      throw JsonInput.invalid(
          "properties.providerName",
          "cannot be changed once set (it is '" + old.providerName() + "')");
    }
    if (input.providerIncidentId() != null
        && old.providerIncidentId() != null
        && !input.providerIncidentId().equals(old.providerIncidentId())) {
      throw JsonInput.invalid(
          "properties.providerIncidentId",
          "cannot be changed once set (it is '" + old.providerIncidentId() + "')");
    }
    if (input.status() == IncidentStatus.Closed && old.status() != IncidentStatus.Closed) {
      // The incident is locked (put found it FOR UPDATE) and task writes lock it too, so what the
      // guards see cannot change before this transaction commits.
      closeGuards.forEach(guard -> guard.checkClose(old.ref()));
    }
    Incident changed =
        new Incident(
            old.id(),
            old.workspaceId(),
            old.resourceId(),
            old.name(),
            old.incidentNumber(),
            Etags.next(),
            input.title(),
            input.description(),
            input.severity(),
            input.status(),
            closing(input) ? input.classification() : null,
            closing(input) ? input.classificationReason() : null,
            closing(input) ? input.classificationComment() : null,
            input.owner() == null ? Owner.UNASSIGNED : input.owner(),
            distinctLabels(input.labels()),
            // Left out, the activity times stay: alerts may have set them.
            input.firstActivityTimeUtc() != null
                ? input.firstActivityTimeUtc()
                : old.firstActivityTimeUtc(),
            input.lastActivityTimeUtc() != null
                ? input.lastActivityTimeUtc()
                : old.lastActivityTimeUtc(),
            old.createdTimeUtc(),
            now,
            old.providerName() != null ? old.providerName() : input.providerName(),
            old.providerIncidentId() != null
                ? old.providerIncidentId()
                : input.providerIncidentId(),
            union(old.relatedAnalyticRuleIds(), input.relatedAnalyticRuleIds()),
            old.alertsCount(),
            old.commentsCount(),
            old.tasksCount(),
            old.completedTasksCount(),
            old.alertProductNames(),
            old.tactics(),
            old.techniques());
    incidents.update(changed);
    List<FieldChange> changes = diff(old, changed);
    addEntities(changed, input.entities(), changes);
    if (!changes.isEmpty()) {
      events.record(event(IncidentEvent.Type.IncidentUpdated, changed, null, actor, changes, now));
    }
    attach(changed, input.alerts(), actor, now);
    return incidents.find(workspace.id(), old.name(), false, ids(workspace)).orElseThrow();
  }

  /**
   * Attaches alerts (and their entities) to an existing incident; alerts already on it are skipped.
   * Answers how many were added.
   */
  @Transactional
  public int attachAlerts(Workspace workspace, String name, List<AlertInput> alerts, Actor actor) {
    return attach(require(workspace, name, true), alerts, actor, now());
  }

  private int attach(Incident incident, List<AlertInput> alerts, Actor actor, OffsetDateTime now) {
    Incident current = incident;
    int added = 0;
    for (int i = 0; i < alerts.size(); i++) {
      AlertInput alert = alerts.get(i);
      if (provenance.hasAlert(current.id(), alert.name())) {
        continue;
      }
      if (alert.analyticRuleId() != null) {
        checkAnalyticRuleId("alerts[" + i + "].analyticRuleId", alert.analyticRuleId());
      }
      ObjectNode properties = alert.properties().deepCopy();
      if (!properties.has("timeGenerated")) {
        properties.put("timeGenerated", Times.format(now));
      }
      long alertId =
          provenance.insertAlert(
              current.id(), alert.name(), alert.analyticRuleId(), properties, now);
      List<String> addedEntities = new ArrayList<>();
      for (EntityInput entity : alert.entities()) {
        ProvenanceRepository.StoredEntity stored = addEntity(current, entity);
        provenance.linkAlertEntity(alertId, current.id(), stored.entity().name());
        if (stored.added()) {
          addedEntities.add(describe(stored.entity()));
        }
      }
      Incident next =
          new Incident(
              current.id(),
              current.workspaceId(),
              current.resourceId(),
              current.name(),
              current.incidentNumber(),
              Etags.next(),
              current.title(),
              current.description(),
              current.severity(),
              current.status(),
              current.classification(),
              current.classificationReason(),
              current.classificationComment(),
              current.owner(),
              current.labels(),
              earliest(current.firstActivityTimeUtc(), time(alert.properties(), "startTimeUtc")),
              latest(current.lastActivityTimeUtc(), time(alert.properties(), "endTimeUtc")),
              current.createdTimeUtc(),
              now,
              current.providerName(),
              current.providerIncidentId(),
              union(
                  current.relatedAnalyticRuleIds(),
                  alert.analyticRuleId() == null ? List.of() : List.of(alert.analyticRuleId())),
              current.alertsCount() + 1,
              current.commentsCount(),
              current.tasksCount(),
              current.completedTasksCount(),
              union(
                  current.alertProductNames(),
                  alert.productName() == null ? List.of() : List.of(alert.productName())),
              union(current.tactics(), alert.tactics()),
              union(current.techniques(), alert.techniques()));
      incidents.update(next);
      List<FieldChange> changes = diff(current, next);
      if (!addedEntities.isEmpty()) {
        changes.add(new FieldChange("relatedEntities", null, addedEntities));
      }
      events.record(event(IncidentEvent.Type.AlertAdded, next, alert.name(), actor, changes, now));
      current = next;
      added++;
    }
    return added;
  }

  /** Adds entities to the incident; those not there before go into {@code changes}. */
  private void addEntities(
      Incident incident, List<EntityInput> entities, List<FieldChange> changes) {
    List<String> added = new ArrayList<>();
    for (EntityInput entity : entities) {
      ProvenanceRepository.StoredEntity stored = addEntity(incident, entity);
      if (stored.added()) {
        added.add(describe(stored.entity()));
      }
    }
    if (!added.isEmpty()) {
      changes.add(new FieldChange("relatedEntities", null, added));
    }
  }

  /** How an event names an entity: {@code Account:alice}. */
  private static String describe(Entity entity) {
    return entity.kind() + ":" + entity.properties().path("friendlyName").asString(entity.name());
  }

  private ProvenanceRepository.StoredEntity addEntity(Incident incident, EntityInput entity) {
    ObjectNode properties = entity.properties().deepCopy();
    String friendly = friendlyName(entity.kind(), properties);
    if (friendly != null) {
      properties.put("friendlyName", friendly);
    }
    return provenance.addEntity(
        incident.id(), entity.kind(), entityIdentity.hash(entity), properties);
  }

  public Incident get(Workspace workspace, String name) {
    return require(workspace, name, false);
  }

  public Optional<Incident> find(Workspace workspace, String name) {
    return incidents.find(workspace.id(), name, false, ids(workspace));
  }

  /**
   * The incident, locked until the caller's transaction ends; empty when it does not exist.
   * Automation takes the lock once, before its actions run in savepoints of their own: a row the
   * transaction already holds needs no new lock in them.
   */
  public Optional<Incident> findLocked(Workspace workspace, String name) {
    return incidents.find(workspace.id(), name, true, ids(workspace));
  }

  /**
   * The incident for a change to something that hangs off it (a task, a comment): locked until the
   * caller's transaction ends, or 404.
   */
  @Transactional
  public IncidentRef lock(Workspace workspace, String name) {
    return incidents
        .lock(workspace.id(), name, ids(workspace))
        .orElseThrow(() -> ApiException.notFound("The incident '" + name + "' was not found."));
  }

  /** Deletes the incident with everything that hangs off it; false when it did not exist. */
  @Transactional
  public boolean delete(Workspace workspace, String name, Actor actor) {
    Optional<Incident> incident = incidents.find(workspace.id(), name, true, ids(workspace));
    if (incident.isEmpty()) {
      return false;
    }
    incidents.delete(incident.get().id());
    events.record(
        event(IncidentEvent.Type.IncidentDeleted, incident.get(), null, actor, List.of(), now()));
    return true;
  }

  /** One page of the workspace's incidents; see {@link IncidentQuery} for the options. */
  @Transactional(readOnly = true)
  public Page<Incident> list(
      Workspace workspace, String filter, String orderBy, int top, String skipToken) {
    IncidentQuery query = IncidentQuery.of(workspace.id(), filter, orderBy, top, skipToken);
    List<Incident> rows = incidents.query(query.sql(), query.params(), ids(workspace));
    String next = query.nextToken(rows);
    return new Page<>(rows.size() > top ? rows.subList(0, top) : rows, next);
  }

  @Transactional(readOnly = true)
  public List<Alert> alerts(Workspace workspace, String name) {
    return provenance.alerts(require(workspace, name, false).id());
  }

  @Transactional(readOnly = true)
  public List<Entity> entities(Workspace workspace, String name) {
    return provenance.entities(require(workspace, name, false).id());
  }

  /** The alerts of an incident the caller has read already. */
  public List<Alert> alerts(Incident incident) {
    return provenance.alerts(incident.id());
  }

  /** The entities of an incident the caller has read already. */
  public List<Entity> entities(Incident incident) {
    return provenance.entities(incident.id());
  }

  /** Keeps {@code additionalData.commentsCount} true as comments come and go. */
  void countComments(IncidentRef incident, int delta) {
    incidents.addToCommentsCount(incident.id(), delta);
  }

  private Incident require(Workspace workspace, String name, boolean lock) {
    return incidents
        .find(workspace.id(), name, lock, ids(workspace))
        .orElseThrow(() -> ApiException.notFound("The incident '" + name + "' was not found."));
  }

  private static java.util.function.LongFunction<String> ids(Workspace workspace) {
    return workspaceId -> workspace.securityInsightsId();
  }

  private OffsetDateTime now() {
    return Times.utc(clock.instant());
  }

  private static void validate(IncidentInput input) {
    if (input.status() == IncidentStatus.Closed) {
      if (input.classification() == null) {
        throw JsonInput.invalid(
            "properties.classification", "is required when the status is Closed");
      }
      if (input.classificationReason() != null
          && !input.classification().reasons().contains(input.classificationReason())) {
        throw JsonInput.invalid(
            "properties.classificationReason",
            "'"
                + input.classificationReason()
                + "' does not fit the classification "
                + input.classification()
                + "; allowed: "
                + input.classification().reasons());
      }
    }
    for (String ruleId : input.relatedAnalyticRuleIds()) {
      checkAnalyticRuleId("properties.relatedAnalyticRuleIds", ruleId);
    }
  }

  private static void checkAnalyticRuleId(String field, String id) {
    if (!ANALYTIC_RULE_ID.matcher(id).matches()) {
      throw JsonInput.invalid(
          field,
          "must hold full analytics rule ids (/subscriptions/…/providers/"
              + "Microsoft.SecurityInsights/alertRules/{ruleId}); got '"
              + id
              + "'");
    }
  }

  /** Checks a resource name from the path, answering 400 naming the parameter. */
  public static void checkName(String parameter, String name) {
    if (!RESOURCE_NAME.matcher(name).matches()) {
      throw JsonInput.invalid(
          parameter,
          "must be 1 to 256 letters, digits, '-', '_' or '.', starting with a letter or digit");
    }
  }

  private static boolean closing(IncidentInput input) {
    return input.status() == IncidentStatus.Closed;
  }

  private static List<Label> distinctLabels(List<Label> labels) {
    Map<String, Label> distinct = new LinkedHashMap<>();
    for (Label label : labels) {
      distinct.putIfAbsent(label.labelName().toLowerCase(Locale.ROOT), label);
    }
    return List.copyOf(distinct.values());
  }

  private static List<String> union(List<String> existing, List<String> added) {
    Set<String> keys = new LinkedHashSet<>();
    List<String> result = new ArrayList<>();
    for (String value : existing) {
      if (keys.add(value.toLowerCase(Locale.ROOT))) {
        result.add(value);
      }
    }
    for (String value : added) {
      if (keys.add(value.toLowerCase(Locale.ROOT))) {
        result.add(value);
      }
    }
    return List.copyOf(result);
  }

  private static OffsetDateTime time(ObjectNode properties, String field) {
    String text = properties.path(field).asString(null);
    return text == null ? null : Times.parse(text);
  }

  private static OffsetDateTime earliest(OffsetDateTime a, OffsetDateTime b) {
    return a == null ? b : b == null || a.isBefore(b) ? a : b;
  }

  private static OffsetDateTime latest(OffsetDateTime a, OffsetDateTime b) {
    return a == null ? b : b == null || a.isAfter(b) ? a : b;
  }

  private static String friendlyName(EntityKind kind, ObjectNode properties) {
    String value = properties.path(kind.friendlyNameProperty()).asString(null);
    if (value == null && kind == EntityKind.Account) {
      value = properties.path("displayName").asString(null);
    }
    return value;
  }

  private static IncidentEvent event(
      IncidentEvent.Type type,
      Incident incident,
      String subject,
      Actor actor,
      List<FieldChange> changes,
      OffsetDateTime now) {
    return new IncidentEvent(
        type, incident.workspaceId(), incident.id(), incident.name(), subject, actor, changes, now);
  }

  /** The properties that differ between two states; every set property when {@code old} is null. */
  static List<FieldChange> diff(Incident old, Incident now) {
    List<FieldChange> changes = new ArrayList<>();
    compare(changes, "title", old == null ? null : old.title(), now.title());
    compare(changes, "description", old == null ? null : old.description(), now.description());
    compare(changes, "severity", old == null ? null : name(old.severity()), name(now.severity()));
    compare(changes, "status", old == null ? null : name(old.status()), name(now.status()));
    compare(
        changes,
        "classification",
        old == null ? null : name(old.classification()),
        name(now.classification()));
    compare(
        changes,
        "classificationReason",
        old == null ? null : name(old.classificationReason()),
        name(now.classificationReason()));
    compare(
        changes,
        "classificationComment",
        old == null ? null : old.classificationComment(),
        now.classificationComment());
    compare(changes, "owner", old == null ? null : owner(old.owner()), owner(now.owner()));
    compare(changes, "labels", old == null ? null : labels(old.labels()), labels(now.labels()));
    compare(
        changes,
        "firstActivityTimeUtc",
        old == null ? null : Times.format(old.firstActivityTimeUtc()),
        Times.format(now.firstActivityTimeUtc()));
    compare(
        changes,
        "lastActivityTimeUtc",
        old == null ? null : Times.format(old.lastActivityTimeUtc()),
        Times.format(now.lastActivityTimeUtc()));
    compare(changes, "providerName", old == null ? null : old.providerName(), now.providerName());
    compare(
        changes,
        "providerIncidentId",
        old == null ? null : old.providerIncidentId(),
        now.providerIncidentId());
    compare(
        changes,
        "relatedAnalyticRuleIds",
        old == null ? null : old.relatedAnalyticRuleIds(),
        now.relatedAnalyticRuleIds());
    compare(changes, "alertsCount", old == null ? null : old.alertsCount(), now.alertsCount());
    compare(
        changes,
        "alertProductNames",
        old == null ? null : old.alertProductNames(),
        now.alertProductNames());
    compare(changes, "tactics", old == null ? null : old.tactics(), now.tactics());
    compare(changes, "techniques", old == null ? null : old.techniques(), now.techniques());
    return changes;
  }

  private static void compare(List<FieldChange> changes, String field, Object old, Object now) {
    boolean empty =
        now == null
            || (now instanceof List<?> list && list.isEmpty())
            || (now instanceof Integer count && count == 0);
    if (old == null && empty) {
      return;
    }
    if (!Objects.equals(old, now)) {
      changes.add(new FieldChange(field, old, now));
    }
  }

  private static String name(Enum<?> value) {
    return value == null ? null : value.name();
  }

  private static Map<String, Object> owner(Owner owner) {
    if (owner == null || !owner.isAssigned()) {
      return null;
    }
    Map<String, Object> map = new LinkedHashMap<>();
    map.put("objectId", owner.objectId());
    map.put("email", owner.email());
    map.put("assignedTo", owner.assignedTo());
    map.put("userPrincipalName", owner.userPrincipalName());
    map.put("ownerType", owner.ownerType().name());
    return map;
  }

  private static List<String> labels(List<Label> labels) {
    return labels.stream().map(Label::labelName).toList();
  }
}
