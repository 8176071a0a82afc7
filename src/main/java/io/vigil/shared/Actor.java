package io.vigil.shared;

/**
 * Who causes a change: a signed-in user, an automation rule or a playbook, or Vigil itself for what
 * happens with time (a task's due time passing). Every write in Vigil takes one, so that tasks,
 * comments and change events can say how and by whom they came to be.
 */
public record Actor(Type type, ClientInfo info) {

  /** How a change came about; the names are Vigil's {@code createdByType} values. */
  public enum Type {
    User,
    AutomationRule,
    Playbook,
    /** Vigil itself; it records events but creates nothing. */
    System
  }

  /** Vigil itself, for what happens with time rather than at someone's request. */
  public static Actor system() {
    return new Actor(Type.System, new ClientInfo(null, "Vigil", null, null));
  }

  public static Actor user(ClientInfo info) {
    return new Actor(Type.User, info);
  }

  public static Actor automationRule(String ruleId, String displayName) {
    return new Actor(Type.AutomationRule, new ClientInfo(null, displayName, ruleId, null));
  }

  public static Actor playbook(String playbookId, String name) {
    return new Actor(Type.Playbook, new ClientInfo(null, name, playbookId, null));
  }
}
