/**
 * Automation rules: Sentinel's "event → conditions → actions" rules that add tasks, modify
 * incidents and queue playbook runs. Rules are parsed and compiled when saved ({@code
 * engine.RuleParser}); {@link io.vigil.automation.AutomationRunner} applies them to the changes of
 * a transaction just before it commits, so their effects are atomic with the change that fired
 * them.
 */
@org.springframework.modulith.ApplicationModule
package io.vigil.automation;
