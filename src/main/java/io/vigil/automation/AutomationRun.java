package io.vigil.automation;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One rule that ran on an incident: when, on which trigger, and what each of its actions did.
 *
 * @param subject the alert that fired an alert rule, or null
 */
public record AutomationRun(
    String ruleName,
    String ruleDisplayName,
    String trigger,
    String subject,
    List<ActionOutcome> actions,
    OffsetDateTime ranTimeUtc) {

  /** What an action did ({@code Succeeded}) or why it did not ({@code Failed}). */
  public record ActionOutcome(int order, String actionType, String status, String detail) {}
}
