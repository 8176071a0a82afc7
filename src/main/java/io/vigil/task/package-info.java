/**
 * Incident tasks: the checklist of an incident, listed in a stored order (creation order until a
 * task is moved), each recording how and by whom it was created (a user, an automation rule, a
 * playbook) and who completed it. Mandatory tasks hold their incident open (see {@link
 * io.vigil.incident.CloseGuard}) until they are Completed or Not applicable. {@link
 * io.vigil.task.TaskService} is the module's API, used by the REST API and by automation alike;
 * {@link io.vigil.task.TaskTemplateService} keeps the workspaces' task templates and applies them.
 */
@org.springframework.modulith.ApplicationModule
package io.vigil.task;
