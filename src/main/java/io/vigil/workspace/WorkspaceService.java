package io.vigil.workspace;

import io.vigil.shared.ApiException;
import io.vigil.shared.JsonInput;
import io.vigil.workspace.internal.WorkspaceRepository;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/** Finds and creates workspaces. */
@Service
public class WorkspaceService {
  // ARM's rules for resource group and workspace names, loosely: letters, digits and - _ . ( ).
  private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._()-]{0,89}");

  private final WorkspaceRepository repository;
  private final java.util.Map<String, Workspace> byKey =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final java.util.Map<Long, Workspace> byId =
      new java.util.concurrent.ConcurrentHashMap<>();
  private final Clock clock;

  private final org.springframework.context.ApplicationEventPublisher events;

  WorkspaceService(
      WorkspaceRepository repository,
      Clock clock,
      org.springframework.context.ApplicationEventPublisher events) {
    this.repository = repository;
    this.clock = clock;
    this.events = events;
  }

  /**
   * The workspace at this path. Workspaces never change once created and are never deleted, so
   * those found are kept in memory: every request and every change event looks its workspace up.
   */
  public Optional<Workspace> find(String subscriptionId, String resourceGroup, String name) {
    String key = key(subscriptionId, resourceGroup, name);
    Workspace known = byKey.get(key);
    if (known != null) {
      return Optional.of(known);
    }
    Optional<Workspace> found = repository.findByKey(key);
    found.ifPresent(this::remember);
    return found;
  }

  private void remember(Workspace workspace) {
    byKey.put(
        key(workspace.subscriptionId(), workspace.resourceGroup(), workspace.name()), workspace);
    byId.put(workspace.id(), workspace);
  }

  /** The workspace at this path, or 404. */
  public Workspace require(String subscriptionId, String resourceGroup, String name) {
    return find(subscriptionId, resourceGroup, name)
        .orElseThrow(() -> notFound(name, resourceGroup, subscriptionId));
  }

  /** The 404 for a workspace that does not exist, or that the caller may not know of. */
  public ApiException notFound(String name, String resourceGroup, String subscriptionId) {
    return new ApiException(
        org.springframework.http.HttpStatus.NOT_FOUND,
        "ResourceNotFound",
        "The workspace '"
            + name
            + "' was not found in resource group '"
            + resourceGroup
            + "' of subscription '"
            + subscriptionId
            + "'.");
  }

  /** Creates the workspace unless it exists; answers it and whether it was created. */
  @Transactional
  public Created createIfAbsent(
      String subscriptionId, String resourceGroup, String name, io.vigil.shared.Actor actor) {
    check("subscriptionId", subscriptionId);
    check("resourceGroupName", resourceGroup);
    check("workspaceName", name);
    Optional<Workspace> existing = find(subscriptionId, resourceGroup, name);
    if (existing.isPresent()) {
      return new Created(existing.get(), false);
    }
    Workspace created =
        repository.insert(
            subscriptionId, resourceGroup, name, key(subscriptionId, resourceGroup, name), clock);
    events.publishEvent(new WorkspaceCreated(created, actor));
    return new Created(created, true);
  }

  /** The workspace with this internal id (for work that starts from a stored event). */
  public Workspace byId(long id) {
    Workspace known = byId.get(id);
    if (known != null) {
      return known;
    }
    Workspace found =
        repository
            .findById(id)
            .orElseThrow(() -> new IllegalStateException("No workspace with id " + id));
    remember(found);
    return found;
  }

  public List<Workspace> list() {
    return repository.findAll();
  }

  /** The result of {@link #createIfAbsent}. */
  public record Created(Workspace workspace, boolean created) {}

  private static void check(String field, String value) {
    if (!NAME.matcher(value).matches()) {
      throw JsonInput.invalid(field, "must be 1 to 90 letters, digits, '-', '_', '.', '(' or ')'");
    }
  }

  private static String key(String subscriptionId, String resourceGroup, String name) {
    return (subscriptionId + "/" + resourceGroup + "/" + name).toLowerCase(java.util.Locale.ROOT);
  }
}
