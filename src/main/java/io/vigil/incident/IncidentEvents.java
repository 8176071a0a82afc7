package io.vigil.incident;

import io.vigil.incident.internal.EventRepository;
import io.vigil.shared.Page;
import java.util.List;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;

/**
 * The change log of incidents: {@link #record} stores an event in the caller's transaction and
 * hands it to every {@link Listener}, so the event exists exactly when the change does.
 */
@Service
public class IncidentEvents {
  /**
   * Another module's reaction to incident changes, called in the transaction of the change: a bean
   * implementing it is found at the first event. Called directly rather than through Spring's
   * application events, whose dispatch (resolving the event's type against every listener, calling
   * it by reflection) cost more than recording the event.
   */
  public interface Listener {
    void on(IncidentEvent event);
  }

  private final EventRepository repository;
  private final ObjectProvider<Listener> found;

  /** Looked up at the first event: listeners use the services that record events. */
  private volatile List<Listener> listeners;

  IncidentEvents(EventRepository repository, ObjectProvider<Listener> listeners) {
    this.repository = repository;
    this.found = listeners;
  }

  @Transactional(propagation = Propagation.MANDATORY)
  public void record(IncidentEvent event) {
    repository.insert(event);
    List<Listener> to = listeners;
    if (to == null) {
      to = found.orderedStream().toList();
      listeners = to;
    }
    for (Listener listener : to) {
      listener.on(event);
    }
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
