package io.vigil.playbook.engine;

import tools.jackson.databind.JsonNode;

/**
 * The actions that reach outside the run: ApiConnection and Http. An implementation performs the
 * call (with its retry policy) and saves the finished record through the journal itself, in the
 * same transaction as any change it makes to Vigil's own data, so that such a change happens
 * exactly once even if the server dies around it.
 */
public interface Effects {
  ActionRecord perform(RunInfo run, ActionDef action, ActionRecord started, JsonNode inputs);
}
