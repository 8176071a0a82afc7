package io.vigil.automation.engine;

import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Why rules are being evaluated: the kind of trigger, who caused the change ({@code
 * IncidentUpdatedBySource}), and for an update what changed — the old and new values of severity,
 * status and owner, and which collections gained items.
 */
public record Trigger(
    Kind kind,
    String updatedBySource,
    Map<ChangedProperty, Change> changes,
    Set<ArrayChange> added) {

  /** The three triggers of Sentinel's automation rules. */
  public enum Kind {
    IncidentCreated,
    IncidentUpdated,
    AlertCreated
  }

  /** Properties whose change {@code PropertyChanged} conditions test. */
  public enum ChangedProperty {
    IncidentSeverity,
    IncidentStatus,
    IncidentOwner
  }

  /** Collections whose growth {@code PropertyArrayChanged} conditions test. */
  public enum ArrayChange {
    Alerts,
    Labels,
    Tactics,
    Comments
  }

  /** Old and new values of a changed property, lower-cased (an owner has several). */
  public record Change(List<String> oldValues, List<String> newValues) {}

  public Trigger {
    changes = Map.copyOf(changes);
    added = added.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(added));
  }

  public static Trigger created(String source) {
    return new Trigger(Kind.IncidentCreated, source, Map.of(), Set.of());
  }

  public static Trigger alertCreated(String source) {
    return new Trigger(Kind.AlertCreated, source, Map.of(), Set.of());
  }
}
