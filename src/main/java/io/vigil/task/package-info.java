/**
 * Incident tasks: the checklist of an incident, listed in creation order, each recording how and by
 * whom it was created (a user, an automation rule, a playbook) and who completed it. {@link
 * io.vigil.task.TaskService} is the module's API, used by the REST API and by automation alike.
 */
@org.springframework.modulith.ApplicationModule
package io.vigil.task;
