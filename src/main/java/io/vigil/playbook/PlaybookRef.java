package io.vigil.playbook;

/** What a run needs to know of its playbook besides the definition it was queued with. */
public record PlaybookRef(long id, Scope scope, String name) {
  public String resourceId() {
    return scope.workflowId(name);
  }
}
