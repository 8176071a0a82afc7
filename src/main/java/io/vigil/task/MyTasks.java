package io.vigil.task;

import io.vigil.incident.IncidentStatus;
import io.vigil.incident.Severity;
import io.vigil.shared.Access;
import io.vigil.shared.JsonInput;
import io.vigil.shared.Page;
import io.vigil.shared.Times;
import io.vigil.task.internal.MyTaskRepository;
import io.vigil.workspace.Workspace;
import io.vigil.workspace.WorkspaceService;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;

/**
 * The "My tasks" queue: the tasks assigned to the caller, by user name, or to a role the caller
 * holds in the task's workspace, across every workspace the caller may read.
 */
@Service
public class MyTasks {
  private final MyTaskRepository repository;
  private final WorkspaceService workspaces;
  private final Access access;

  MyTasks(MyTaskRepository repository, WorkspaceService workspaces, Access access) {
    this.repository = repository;
    this.workspaces = workspaces;
    this.access = access;
  }

  /**
   * Where a task stands for the queue: New (and not marked Not applicable), Completed, or Not
   * applicable (whose status stays New for Sentinel clients).
   */
  public enum State {
    New,
    Completed,
    NotApplicable
  }

  /**
   * What the queue shows; each part left empty (or null) does not filter.
   *
   * @param workspace the resource id of the only workspace to show
   * @param overdue only the tasks that are overdue (true) or that are not (false)
   * @param dueBefore only the tasks due before this time
   */
  public record Filter(
      Set<State> states,
      Set<Severity> severities,
      String workspace,
      Boolean overdue,
      OffsetDateTime dueBefore) {}

  /** A workspace's resource id, with its subscription, resource group and name as groups 1–3. */
  static final String WORKSPACE_ID =
      "/subscriptions/([^/]+)/resourceGroups/([^/]+)"
          + "/providers/Microsoft\\.OperationalInsights/workspaces/([^/]+)";

  private static final Pattern WORKSPACE = Pattern.compile(WORKSPACE_ID, Pattern.CASE_INSENSITIVE);

  /** The workspace a resource id names, if it exists. */
  Optional<Workspace> workspace(Matcher id) {
    return workspaces.find(id.group(1), id.group(2), id.group(3));
  }

  /** A task of the queue with what it needs of its incident. */
  public record Item(
      IncidentTask task,
      Workspace workspace,
      String incidentName,
      long incidentNumber,
      String incidentTitle,
      Severity severity,
      IncidentStatus incidentStatus) {

    public String incidentId() {
      return workspace.securityInsightsId() + "/incidents/" + incidentName;
    }
  }

  /**
   * A page of the queue of {@code username}, the signed-in caller, at {@code now} (which decides
   * what is overdue), in the order {@code orderBy} names (see {@link MyTaskRepository}).
   */
  @Transactional(readOnly = true)
  public Page<Item> list(
      String username, Filter filter, Instant now, String orderBy, int top, String skipToken) {
    Access.Reach reach = access.reach();
    Long only = null;
    if (filter.workspace() != null) {
      Matcher id = WORKSPACE.matcher(filter.workspace());
      // A workspace the caller may not read is answered as one that does not exist.
      only =
          (id.matches() ? workspace(id) : Optional.<Workspace>empty())
              .map(Workspace::id)
              .filter(reach::reads)
              .orElseThrow(
                  () ->
                      JsonInput.invalid(
                          "workspace",
                          "names no workspace you may read ('"
                              + filter.workspace()
                              + "'); give a workspace's resource id, /subscriptions/…/workspaces/…"));
    }
    return repository.page(
        username, reach, only, filter, Times.utc(now), orderBy, top, skipToken, workspaces::byId);
  }
}
