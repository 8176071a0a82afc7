/**
 * Playbooks: Logic Apps workflow definitions, the connections their actions use, and their durable
 * runs. {@link io.vigil.playbook.PlaybookService} keeps the workflows, {@link
 * io.vigil.playbook.PlaybookRuns} queues and reports runs, and {@code RunWorker} executes them
 * action by action with {@code engine.Execution}, journalling every action so that a run resumes
 * after a crash without repeating what it did.
 */
@org.springframework.modulith.ApplicationModule
package io.vigil.playbook;
