package io.vigil.incident;

import io.vigil.incident.internal.EventRepository;
import io.vigil.shared.Page;
import java.util.Set;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The change log of incidents: {@link #record} stores an event in the caller's transaction and
 * publishes it to in-process listeners, so the event exists exactly when the change does.
 */
@Service
public class IncidentEvents {
  private final EventRepository repository;
  private final ApplicationEventPublisher publisher;

  IncidentEvents(EventRepository repository, ApplicationEventPublisher publisher) {
    this.repository = repository;
    this.publisher = publisher;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void record(IncidentEvent event) {
    repository.insert(event);
    publisher.publishEvent(event);
  }

  /**
   * The events about one subject of an incident (a task, a comment), oldest first: those of {@code
   * types} since the latest event of type {@code start} — so that a subject deleted and created
   * again under its name starts afresh.
   */
  public Page<IncidentEvent> history(
      IncidentRef incident,
      String subject,
      IncidentEvent.Type start,
      Set<IncidentEvent.Type> types,
      int top,
      String skipToken) {
    return repository.history(incident.id(), subject, start, types, top, skipToken);
  }

  /** The events of one incident, oldest first. */
  public Page<IncidentEvent> list(IncidentRef incident, int top, String skipToken) {
    return repository.list(incident.id(), top, skipToken);
  }
}
