package io.vigil.incident;

import io.vigil.incident.internal.CommentRepository;
import io.vigil.shared.Actor;
import io.vigil.shared.ApiException;
import io.vigil.shared.Etags;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Page;
import io.vigil.shared.RichText;
import io.vigil.shared.Times;
import io.vigil.workspace.Workspace;
import java.time.Clock;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Comments on incidents. The author is whoever creates the comment; messages are sanitised. */
@Service
public class CommentService {
  /** Sentinel's limit on a comment's message. */
  public static final int MAX_MESSAGE = 30_000;

  private final IncidentService incidents;
  private final CommentRepository comments;
  private final IncidentEvents events;
  private final Clock clock;
  private final int maxPerIncident;

  CommentService(
      IncidentService incidents,
      CommentRepository comments,
      IncidentEvents events,
      Clock clock,
      @Value("${vigil.limits.comments-per-incident}") int maxPerIncident) {
    this.incidents = incidents;
    this.comments = comments;
    this.events = events;
    this.clock = clock;
    this.maxPerIncident = maxPerIncident;
  }

  /** The result of a create-or-update. */
  public record Saved(Comment comment, boolean created) {}

  @Transactional
  public Saved put(
      Workspace workspace,
      String incidentName,
      String name,
      String message,
      String expectedEtag,
      Actor actor) {
    IncidentService.checkName("incidentCommentId", name);
    if (message == null || message.isBlank()) {
      throw JsonInput.missing("properties.message");
    }
    if (message.length() > MAX_MESSAGE) {
      throw JsonInput.invalid(
          "properties.message", "is longer than " + MAX_MESSAGE + " characters");
    }
    IncidentRef incident = incidents.lock(workspace, incidentName);
    Optional<Comment> existing = comments.find(incident.id(), name);
    Etags.check(expectedEtag, existing.map(Comment::etag).orElse(null));
    String clean = RichText.sanitize(message);
    if (clean.isBlank()) {
      throw JsonInput.invalid(
          "properties.message", "has nothing left once disallowed HTML is removed");
    }
    OffsetDateTime now = Times.utc(clock.instant());
    if (existing.isEmpty()) {
      if (comments.count(incident.id()) >= maxPerIncident) {
        throw ApiException.conflict(
            "TooManyComments",
            "The incident already has the maximum of " + maxPerIncident + " comments.");
      }
      Comment comment = new Comment(0, name, Etags.next(), clean, actor.info(), now, now);
      comments.insert(incident.id(), comment);
      incidents.countComments(incident, 1);
      events.record(
          new IncidentEvent(
              IncidentEvent.Type.CommentAdded,
              incident.workspaceId(),
              incident.id(),
              incident.name(),
              name,
              actor,
              List.of(new FieldChange("message", null, clean)),
              now));
      return new Saved(comments.find(incident.id(), name).orElseThrow(), true);
    }
    Comment old = existing.get();
    Comment updated =
        new Comment(
            old.id(), old.name(), Etags.next(), clean, old.author(), old.createdTimeUtc(), now);
    comments.update(updated);
    events.record(
        new IncidentEvent(
            IncidentEvent.Type.CommentUpdated,
            incident.workspaceId(),
            incident.id(),
            incident.name(),
            name,
            actor,
            List.of(new FieldChange("message", old.message(), clean)),
            now));
    return new Saved(updated, false);
  }

  @Transactional(readOnly = true)
  public Comment get(Workspace workspace, String incidentName, String name) {
    IncidentRef incident = incidents.get(workspace, incidentName).ref();
    return comments
        .find(incident.id(), name)
        .orElseThrow(() -> ApiException.notFound("The comment '" + name + "' was not found."));
  }

  @Transactional
  public boolean delete(Workspace workspace, String incidentName, String name, Actor actor) {
    IncidentRef incident = incidents.lock(workspace, incidentName);
    Optional<Comment> existing = comments.find(incident.id(), name);
    if (existing.isEmpty()) {
      return false;
    }
    comments.delete(existing.get().id());
    incidents.countComments(incident, -1);
    events.record(
        new IncidentEvent(
            IncidentEvent.Type.CommentDeleted,
            incident.workspaceId(),
            incident.id(),
            incident.name(),
            name,
            actor,
            List.of(new FieldChange("message", existing.get().message(), null)),
            Times.utc(clock.instant())));
    return true;
  }

  @Transactional(readOnly = true)
  public Page<Comment> list(Workspace workspace, String incidentName, int top, String skipToken) {
    IncidentRef incident = incidents.get(workspace, incidentName).ref();
    return comments.list(incident.id(), top, skipToken);
  }
}
