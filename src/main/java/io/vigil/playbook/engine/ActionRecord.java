package io.vigil.playbook.engine;

import java.time.Instant;
import tools.jackson.databind.JsonNode;

/**
 * What one execution of an action did: the unit of a run's history and of its durability. {@code
 * repetition} is empty outside loops, else the iteration indexes (see {@link Repetition}).
 */
public record ActionRecord(
    String name,
    String repetition,
    String type,
    Status status,
    String code,
    JsonNode inputs,
    JsonNode outputs,
    JsonNode error,
    Instant startTime,
    Instant endTime) {

  /** This record with the inputs the action was given. */
  public ActionRecord withInputs(JsonNode inputs) {
    return new ActionRecord(
        name, repetition, type, status, code, inputs, outputs, error, startTime, endTime);
  }

  public ActionRecord finish(
      Status status, String code, JsonNode outputs, JsonNode error, Instant end) {
    return new ActionRecord(
        name, repetition, type, status, code, inputs, outputs, error, startTime, end);
  }
}
