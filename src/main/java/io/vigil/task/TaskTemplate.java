package io.vigil.task;

import io.vigil.shared.ClientInfo;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * A version of a task template: the ordered tasks it adds to an incident. {@code version} counts
 * the template's changes from 1; {@code lastModifiedBy} and {@code lastModifiedTimeUtc} say who
 * wrote this version and when, {@code createdBy} and {@code createdTimeUtc} who created the
 * template.
 */
public record TaskTemplate(
    long id,
    String resourceId,
    String name,
    String etag,
    int version,
    String displayName,
    String description,
    List<Item> tasks,
    ClientInfo createdBy,
    OffsetDateTime createdTimeUtc,
    ClientInfo lastModifiedBy,
    OffsetDateTime lastModifiedTimeUtc) {

  /**
   * A task of the template. {@code key} identifies it across versions, so that applying a later
   * version adds only the tasks that are new. {@code description} is sanitised HTML; {@code
   * assignedTo} and {@code dueAfterIncidentCreated} are null when the template sets none.
   */
  public record Item(
      String key,
      String title,
      String description,
      IncidentTask.Assignee assignedTo,
      Duration dueAfterIncidentCreated,
      boolean mandatory) {}

  /**
   * The name of the task {@code item} adds to an incident. It is the same on every application, so
   * applying the template again finds the task instead of adding a second one; keys hold no '.', so
   * no two templates' items share a name.
   */
  public String taskName(Item item) {
    return "tpl-" + name + "." + item.key();
  }
}
