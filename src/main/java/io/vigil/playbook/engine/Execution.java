package io.vigil.playbook.engine;

import io.vigil.playbook.expression.ExpressionContext;
import io.vigil.playbook.expression.ExpressionException;
import io.vigil.playbook.expression.Functions;
import io.vigil.playbook.expression.Templates;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs one workflow to its end, or until it is cancelled, times out or the server stops. Every
 * action's outcome goes to the {@link Journal} as it finishes (held there, except what {@link
 * Effects} and Wait save at once); started again after a crash, the execution walks the same
 * definition and takes finished actions from their records (re-applying what variable actions did),
 * so it resumes where the crashed one stopped.
 *
 * <p>Actions of a scope run one at a time in declaration order as their {@code runAfter} allows;
 * parallel branches therefore run one after the other. Foreach iterations run in parallel up to
 * {@code runtimeConfiguration.concurrency.repetitions} (Logic Apps' default: 20), on the pool the
 * caller gives, which all runs share.
 */
public final class Execution {
  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

  /** Limits of loops and runs; see docs/playbook-execution.md. */
  public record Limits(
      int maxForeachItems, int maxParallelism, int maxUntilCount, Duration runTimeout) {}

  /** How the run ended. */
  public record Outcome(Status status, JsonNode error, JsonNode response) {}

  private final Workflow workflow;
  private final RunInfo run;
  private final Journal journal;
  private final Effects effects;
  private final Clock clock;
  private final Limits limits;
  private final ExecutorService iterations;
  private final Instant deadline;
  private final Map<String, JsonNode> variables = new ConcurrentHashMap<>();
  private volatile JsonNode response;

  public Execution(
      Workflow workflow,
      RunInfo run,
      Journal journal,
      Effects effects,
      Clock clock,
      Limits limits,
      ExecutorService iterations,
      Instant started) {
    this.workflow = workflow;
    this.run = run;
    this.journal = journal;
    this.effects = effects;
    this.clock = clock;
    this.limits = limits;
    this.iterations = iterations;
    this.deadline = started.plus(limits.runTimeout());
  }

  public Outcome run() {
    Frame root = new Frame(null, "", null, null, -1);
    try {
      Status status = scope(workflow.actions(), root);
      return new Outcome(
          status,
          status.isFailure()
              ? error("ActionFailed", "An action failed. No dependent actions succeeded.")
              : null,
          response);
    } catch (Stop stop) {
      return new Outcome(stop.status, stop.error, response);
    }
  }

  /** Ends the run at once: Terminate, cancellation or the run timeout. */
  private static final class Stop extends RuntimeException {
    final Status status;
    final JsonNode error;

    Stop(Status status, JsonNode error) {
      super(null, null, false, false);
      this.status = status;
      this.error = error;
    }
  }

  /**
   * Results visible to expressions: one frame per loop iteration, chained to the enclosing ones.
   * Actions inside a Scope, If or Switch share their parent's frame, as their results are visible
   * after it.
   */
  private record Frame(
      Frame parent,
      String repetition,
      String loop,
      JsonNode item,
      int index,
      Map<String, ActionRecord> results) {
    Frame(Frame parent, String repetition, String loop, JsonNode item, int index) {
      this(parent, repetition, loop, item, index, new ConcurrentHashMap<>());
    }
  }

  private Optional<ActionRecord> result(Frame frame, String name) {
    for (Frame f = frame; f != null; f = f.parent()) {
      ActionRecord record = f.results().get(name.toLowerCase(Locale.ROOT));
      if (record != null) {
        return Optional.of(record);
      }
    }
    return Optional.empty();
  }

  // ---------------------------------------------------------------- scopes

  /** Runs the actions of a scope as runAfter allows; answers the scope's status. */
  private Status scope(List<ActionDef> actions, Frame frame) {
    Map<String, Status> statuses = new HashMap<>();
    List<ActionDef> pending = new ArrayList<>(actions);
    while (!pending.isEmpty()) {
      ActionDef next = null;
      for (ActionDef candidate : pending) {
        if (statuses.keySet().containsAll(candidate.runAfter().keySet())) {
          next = candidate;
          break;
        }
      }
      if (next == null) {
        break; // cannot happen for a validated definition: runAfter has no cycles
      }
      pending.remove(next);
      boolean runs = true;
      for (Map.Entry<String, java.util.Set<Status>> before : next.runAfter().entrySet()) {
        if (!before.getValue().contains(statuses.get(before.getKey()))) {
          runs = false;
        }
      }
      ActionRecord record = runs ? action(next, frame) : skip(next, frame);
      statuses.put(next.name(), record.status());
    }
    return status(actions, statuses);
  }

  /**
   * A scope's status, as Logic Apps decides a run's: from its last actions (those no other action
   * runs after). A failed last action fails it; a skipped one fails it if what it was skipped for
   * failed. A failure that a later action handled (runAfter Failed) does not.
   */
  static Status status(List<ActionDef> actions, Map<String, Status> statuses) {
    Map<String, ActionDef> byName = new HashMap<>();
    actions.forEach(a -> byName.put(a.name(), a));
    java.util.Set<String> followed = new java.util.HashSet<>();
    actions.forEach(a -> followed.addAll(a.runAfter().keySet()));
    for (ActionDef action : actions) {
      if (!followed.contains(action.name()) && failed(action, byName, statuses)) {
        return Status.Failed;
      }
    }
    return Status.Succeeded;
  }

  private static boolean failed(
      ActionDef action, Map<String, ActionDef> byName, Map<String, Status> statuses) {
    Status status = statuses.get(action.name());
    if (status == null || status == Status.Succeeded) {
      return false;
    }
    if (status != Status.Skipped) {
      return true;
    }
    for (String before : action.runAfter().keySet()) {
      if (failed(byName.get(before), byName, statuses)) {
        return true;
      }
    }
    return false;
  }

  private ActionRecord skip(ActionDef action, Frame frame) {
    Optional<ActionRecord> prior = journal.find(action.name(), frame.repetition());
    if (prior.isPresent() && prior.get().status().isFinal()) {
      return remember(frame, prior.get());
    }
    Instant now = clock.instant();
    ActionRecord record =
        new ActionRecord(
            action.name(),
            frame.repetition(),
            action.type(),
            Status.Skipped,
            "ActionSkipped",
            null,
            null,
            error(
                "ActionConditionFailed",
                "The execution of template action '"
                    + action.name()
                    + "' is skipped: the 'runAfter' condition for it was not satisfied."),
            now,
            now);
    // Actions inside a skipped control action are skipped too, so the history shows them.
    for (ActionDef inner : children(action)) {
      skip(inner, frame);
    }
    journal.hold(record);
    return remember(frame, record);
  }

  private static List<ActionDef> children(ActionDef action) {
    List<ActionDef> all = new ArrayList<>(action.actions());
    all.addAll(action.otherwise());
    action.cases().forEach(c -> all.addAll(c.actions()));
    return all;
  }

  private ActionRecord remember(Frame frame, ActionRecord record) {
    frame.results().put(record.name().toLowerCase(Locale.ROOT), record);
    return record;
  }

  // ---------------------------------------------------------------- actions

  private ActionRecord action(ActionDef action, Frame frame) {
    if (journal.cancelRequested()) {
      throw new Stop(Status.Cancelled, error("Cancelled", "The run was cancelled."));
    }
    if (clock.instant().isAfter(deadline)) {
      throw new Stop(
          Status.TimedOut,
          error("RunTimedOut", "The run did not finish within " + limits.runTimeout() + "."));
    }
    Optional<ActionRecord> prior = journal.find(action.name(), frame.repetition());
    if (prior.isPresent() && prior.get().status().isFinal()) {
      replay(prior.get());
      if (action.type().equals("Terminate") && prior.get().status() == Status.Succeeded) {
        terminate(prior.get().inputs());
      }
      return remember(frame, prior.get());
    }
    Instant start = prior.map(ActionRecord::startTime).orElse(clock.instant());
    Context context = new Context(frame);
    ActionRecord started =
        new ActionRecord(
            action.name(),
            frame.repetition(),
            action.type(),
            Status.Running,
            null,
            null,
            null,
            null,
            start,
            null);
    try {
      ActionRecord finished =
          switch (action.type()) {
            case "If" -> ifAction(action, frame, context, started, prior);
            case "Switch" -> switchAction(action, frame, context, started, prior);
            case "Scope" -> scopeAction(action, frame, started);
            case "Foreach" -> foreach(action, frame, context, started, prior);
            case "Until" -> until(action, frame, context, started);
            case "Wait" -> waitAction(action, context, started, prior);
            case "ApiConnection", "ApiConnectionWebhook", "Http" -> {
              JsonNode inputs = Templates.evaluate(action.inputs(), context);
              yield effects.perform(run, action, started, inputs);
            }
            default -> {
              ActionRecord done = simple(action, context, started);
              journal.hold(done);
              yield done;
            }
          };
      if (finished.status() == Status.Running || finished.status() == Status.Waiting) {
        throw new IllegalStateException("action '" + action.name() + "' did not finish");
      }
      if (action.type().equals("Terminate")) {
        remember(frame, finished);
        terminate(finished.inputs());
      }
      return remember(frame, finished);
    } catch (ExpressionException e) {
      return fail(
          frame,
          started,
          "InvalidTemplate",
          "Unable to process template language expressions in action '"
              + action.name()
              + "': "
              + e.getMessage());
    } catch (ActionFailure e) {
      return fail(frame, started, e.code, e.getMessage());
    }
  }

  private ActionRecord fail(Frame frame, ActionRecord started, String code, String message) {
    ActionRecord failed =
        started.finish(Status.Failed, code, null, error(code, message), clock.instant());
    journal.hold(failed);
    return remember(frame, failed);
  }

  /** Makes a finished action's effect on variables happen again when a run resumes. */
  private void replay(ActionRecord record) {
    if (record.status() != Status.Succeeded) {
      return;
    }
    switch (record.type()) {
      case "InitializeVariable" -> {
        for (JsonNode v : record.outputs().path("body").path("variables")) {
          variables.put(v.path("name").asString().toLowerCase(Locale.ROOT), v.path("value"));
        }
      }
      case "SetVariable",
          "AppendToArrayVariable",
          "AppendToStringVariable",
          "IncrementVariable",
          "DecrementVariable" -> {
        JsonNode body = record.outputs().path("body");
        variables.put(body.path("name").asString().toLowerCase(Locale.ROOT), body.path("value"));
      }
      case "Response" -> response = record.inputs();
      default -> {}
    }
  }

  private void terminate(JsonNode inputs) {
    String runStatus = inputs == null ? "Failed" : inputs.path("runStatus").asString("Failed");
    Status status =
        switch (runStatus.toLowerCase(Locale.ROOT)) {
          case "succeeded" -> Status.Succeeded;
          case "cancelled" -> Status.Cancelled;
          default -> Status.Failed;
        };
    JsonNode runError = inputs == null ? null : inputs.get("runError");
    throw new Stop(
        status,
        status == Status.Failed
            ? (runError != null && runError.isObject()
                ? runError
                : error("Terminated", "The run was terminated with status Failed."))
            : null);
  }

  /** An action that failed for a reason of its own rather than a bad expression. */
  static final class ActionFailure extends RuntimeException {
    final String code;

    ActionFailure(String code, String message) {
      super(message);
      this.code = code;
    }
  }

  // ---------------------------------------------------------------- control actions

  private ActionRecord ifAction(
      ActionDef action,
      Frame frame,
      Context context,
      ActionRecord started,
      Optional<ActionRecord> prior) {
    boolean result =
        prior.isPresent() && prior.get().inputs() != null
            ? prior.get().inputs().path("expressionResult").asBoolean()
            : condition(action.json().path("expression"), context);
    ObjectNode inputs = JSON.objectNode().put("expressionResult", result);
    ActionRecord running = started.withInputs(inputs);
    journal.hold(running);
    List<ActionDef> chosen = result ? action.actions() : action.otherwise();
    List<ActionDef> other = result ? action.otherwise() : action.actions();
    for (ActionDef skipped : other) {
      skip(skipped, frame);
    }
    Status status = scope(chosen, frame);
    return closed(
        running,
        status,
        JSON.objectNode().put("expression", result),
        "An action inside the If failed.");
  }

  private ActionRecord switchAction(
      ActionDef action,
      Frame frame,
      Context context,
      ActionRecord started,
      Optional<ActionRecord> prior) {
    JsonNode value =
        prior.isPresent() && prior.get().inputs() != null
            ? prior.get().inputs().path("expression")
            : Templates.evaluate(action.json().path("expression"), context);
    ActionRecord running = started.withInputs(JSON.objectNode().set("expression", value));
    journal.hold(running);
    List<ActionDef> chosen = action.otherwise();
    for (ActionDef.Case c : action.cases()) {
      if (matches(c.value(), value)) {
        chosen = c.actions();
      }
    }
    for (ActionDef.Case c : action.cases()) {
      if (c.actions() != chosen) {
        c.actions().forEach(a -> skip(a, frame));
      }
    }
    if (chosen != action.otherwise()) {
      action.otherwise().forEach(a -> skip(a, frame));
    }
    Status status = scope(chosen, frame);
    return closed(running, status, null, "An action inside the Switch failed.");
  }

  /** Finishes a control action with the status of what ran inside it. */
  private ActionRecord closed(
      ActionRecord running, Status status, JsonNode outputs, String failure) {
    return hold(
        running.finish(
            status,
            status.name(),
            outputs,
            status.isFailure() ? error("ActionFailed", failure) : null,
            clock.instant()));
  }

  private static boolean matches(JsonNode caseValue, JsonNode value) {
    if (caseValue.isString() && value.isString()) {
      return caseValue.asString().equals(value.asString());
    }
    if (caseValue.isNumber() && value.isNumber()) {
      return caseValue.decimalValue().compareTo(value.decimalValue()) == 0;
    }
    return caseValue.equals(value);
  }

  private ActionRecord scopeAction(ActionDef action, Frame frame, ActionRecord started) {
    journal.hold(started);
    Status status = scope(action.actions(), frame);
    return closed(started, status, null, "An action inside the scope failed.");
  }

  private ActionRecord foreach(
      ActionDef action,
      Frame frame,
      Context context,
      ActionRecord started,
      Optional<ActionRecord> prior) {
    JsonNode items =
        prior.isPresent() && prior.get().inputs() != null
            ? prior.get().inputs()
            : Templates.evaluate(action.json().path("foreach"), context);
    if (!items.isArray()) {
      throw new ActionFailure(
          "InvalidTemplate",
          "The 'foreach' of action '"
              + action.name()
              + "' must be an array, not "
              + kind(items)
              + ".");
    }
    if (items.size() > limits.maxForeachItems()) {
      throw new ActionFailure(
          "ForeachLimitExceeded",
          "The 'foreach' of action '"
              + action.name()
              + "' has "
              + items.size()
              + " items; at most "
              + limits.maxForeachItems()
              + " are allowed.");
    }
    ActionRecord running = started.withInputs(items);
    journal.hold(running);
    int parallel =
        Math.max(
            1,
            Math.min(
                limits.maxParallelism(),
                action
                    .json()
                    .path("runtimeConfiguration")
                    .path("concurrency")
                    .path("repetitions")
                    .asInt(20)));
    List<Status> statuses = new ArrayList<>();
    if (parallel == 1 || items.size() <= 1) {
      for (int i = 0; i < items.size(); i++) {
        statuses.add(iteration(action, frame, items.get(i), i));
      }
    } else {
      // At most `parallel` iterations at once: that many workers on the shared pool, each taking
      // the next item until none is left.
      Status[] outcomes = new Status[items.size()];
      AtomicInteger nextItem = new AtomicInteger();
      List<Future<?>> workers = new ArrayList<>();
      try {
        for (int w = 0; w < Math.min(parallel, items.size()); w++) {
          workers.add(
              iterations.submit(
                  () -> {
                    for (int i = nextItem.getAndIncrement();
                        i < outcomes.length;
                        i = nextItem.getAndIncrement()) {
                      outcomes[i] = iteration(action, frame, items.get(i), i);
                    }
                  }));
        }
        for (Future<?> worker : workers) {
          worker.get();
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Stop(Status.Cancelled, error("Cancelled", "The run was interrupted."));
      } catch (ExecutionException e) {
        if (e.getCause() instanceof RuntimeException r) {
          throw r;
        }
        throw new IllegalStateException(e.getCause());
      } finally {
        workers.forEach(worker -> worker.cancel(true));
      }
      statuses.addAll(List.of(outcomes));
    }
    Status status =
        statuses.stream().anyMatch(Status::isFailure) ? Status.Failed : Status.Succeeded;
    return closed(running, status, null, "An action failed in at least one iteration.");
  }

  private Status iteration(ActionDef loop, Frame frame, JsonNode item, int index) {
    Frame inner =
        new Frame(frame, Repetition.child(frame.repetition(), index), loop.name(), item, index);
    return scope(loop.actions(), inner);
  }

  private ActionRecord until(ActionDef action, Frame frame, Context context, ActionRecord started) {
    journal.hold(started);
    JsonNode limit = action.json().path("limit");
    int count = Math.min(limit.path("count").asInt(60), limits.maxUntilCount());
    Duration timeout = duration(limit.path("timeout").asString("PT1H"), action.name());
    Instant until = started.startTime().plus(timeout);
    Status status = Status.Succeeded;
    for (int i = 0; i < count; i++) {
      Frame inner =
          new Frame(frame, Repetition.child(frame.repetition(), i), action.name(), null, i);
      status = scope(action.actions(), inner);
      if (condition(action.json().path("expression"), new Context(inner))) {
        break;
      }
      if (clock.instant().isAfter(until)) {
        return hold(
            started.finish(
                Status.TimedOut,
                "ActionTimedOut",
                null,
                error(
                    "ActionTimedOut",
                    "The Until loop did not meet its condition within " + timeout + "."),
                clock.instant()));
      }
    }
    return closed(started, status, null, "An action inside the Until loop failed.");
  }

  private ActionRecord waitAction(
      ActionDef action, Context context, ActionRecord started, Optional<ActionRecord> prior) {
    JsonNode inputs =
        prior.isPresent() && prior.get().inputs() != null
            ? prior.get().inputs()
            : Templates.evaluate(action.inputs(), context);
    Instant wakeUp;
    if (inputs.has("until")) {
      try {
        wakeUp = Instant.parse(inputs.path("until").path("timestamp").asString());
      } catch (DateTimeParseException e) {
        throw new ActionFailure(
            "InvalidTemplate",
            "The 'until.timestamp' of action '" + action.name() + "' is not a time.");
      }
    } else {
      long count = inputs.path("interval").path("count").asLong();
      String unit = inputs.path("interval").path("unit").asString("Second");
      wakeUp = started.startTime().plus(interval(count, unit, action.name()));
    }
    ActionRecord running = started.withInputs(inputs);
    journal.save(running); // the wake-up time must survive a restart
    // Sleeps in short steps so that cancellation and the run timeout are noticed.
    while (clock.instant().isBefore(wakeUp)) {
      if (journal.cancelRequested()) {
        throw new Stop(Status.Cancelled, error("Cancelled", "The run was cancelled."));
      }
      if (clock.instant().isAfter(deadline)) {
        throw new Stop(
            Status.TimedOut,
            error("RunTimedOut", "The run did not finish within " + limits.runTimeout() + "."));
      }
      try {
        Thread.sleep(
            Math.max(1, Math.min(200, Duration.between(clock.instant(), wakeUp).toMillis())));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new Stop(Status.Cancelled, error("Cancelled", "The run was interrupted."));
      }
    }
    return hold(running.finish(Status.Succeeded, "OK", null, null, clock.instant()));
  }

  private static Duration interval(long count, String unit, String action) {
    return switch (unit.toLowerCase(Locale.ROOT)) {
      case "second" -> Duration.ofSeconds(count);
      case "minute" -> Duration.ofMinutes(count);
      case "hour" -> Duration.ofHours(count);
      case "day" -> Duration.ofDays(count);
      case "week" -> Duration.ofDays(7 * count);
      case "month" -> Duration.ofDays(30 * count);
      default ->
          throw new ActionFailure(
              "InvalidTemplate",
              "The interval unit '"
                  + unit
                  + "' of action '"
                  + action
                  + "' is not one of Second, Minute, Hour, Day, Week, Month.");
    };
  }

  static Duration duration(String text, String action) {
    try {
      return Duration.parse(text);
    } catch (DateTimeParseException e) {
      throw new ActionFailure(
          "InvalidTemplate",
          "The timeout '"
              + text
              + "' of action '"
              + action
              + "' is not an ISO 8601 duration such as PT1H.");
    }
  }

  private ActionRecord hold(ActionRecord record) {
    journal.hold(record);
    return record;
  }

  /** An If's or Until's expression: a template string, or Logic Apps' object form {"and": [...]} */
  private boolean condition(JsonNode expression, Context context) {
    JsonNode value = conditionValue(expression, context);
    if (!value.isBoolean()) {
      throw new ActionFailure(
          "InvalidTemplate", "The expression must give true or false, not " + kind(value) + ".");
    }
    return value.asBoolean();
  }

  private JsonNode conditionValue(JsonNode expression, Context context) {
    if (expression.isObject() && expression.size() == 1) {
      Map.Entry<String, JsonNode> call = expression.properties().iterator().next();
      List<JsonNode> args = new ArrayList<>();
      JsonNode raw = call.getValue();
      for (JsonNode arg : raw.isArray() ? raw : JSON.arrayNode().add(raw)) {
        args.add(conditionValue(arg, context));
      }
      return Functions.call(call.getKey(), args, context);
    }
    return Templates.evaluate(expression, context);
  }

  // ---------------------------------------------------------------- simple actions

  private ActionRecord simple(ActionDef action, Context context, ActionRecord started) {
    String type = action.type();
    JsonNode inputs = Templates.evaluate(eagerInputs(action), context);
    ActionRecord withInputs = started.withInputs(inputs);
    Instant now = clock.instant();
    return switch (type) {
      case "Compose" -> withInputs.finish(Status.Succeeded, "OK", inputs, null, now);
      case "ParseJson" -> {
        JsonNode content = inputs.path("content");
        if (content.isString()) {
          try {
            content = tools.jackson.databind.json.JsonMapper.shared().readTree(content.asString());
          } catch (RuntimeException e) {
            throw new ActionFailure(
                "InvalidJSON", "The 'content' of action '" + action.name() + "' is not JSON.");
          }
        }
        yield withInputs.finish(Status.Succeeded, "OK", body(content), null, now);
      }
      case "Query" -> {
        ArrayNode out = JSON.arrayNode();
        for (JsonNode item : array(inputs.path("from"), action)) {
          JsonNode keep = conditionValue(action.inputs().path("where"), context.withItem(item));
          if (keep.isBoolean() && keep.asBoolean()) {
            out.add(item);
          }
        }
        yield withInputs.finish(Status.Succeeded, "OK", body(out), null, now);
      }
      case "Select" -> {
        ArrayNode out = JSON.arrayNode();
        for (JsonNode item : array(inputs.path("from"), action)) {
          out.add(Templates.evaluate(action.inputs().path("select"), context.withItem(item)));
        }
        yield withInputs.finish(Status.Succeeded, "OK", body(out), null, now);
      }
      case "Table" ->
          withInputs.finish(
              Status.Succeeded,
              "OK",
              body(
                  JSON.stringNode(
                      Tables.render(
                          array(inputs.path("from"), action),
                          inputs,
                          action.inputs(),
                          context::withItem))),
              null,
              now);
      case "Join" -> {
        List<String> parts = new ArrayList<>();
        for (JsonNode item : array(inputs.path("from"), action)) {
          parts.add(item.isString() ? item.asString() : item.isNull() ? "" : item.toString());
        }
        yield withInputs.finish(
            Status.Succeeded,
            "OK",
            body(JSON.stringNode(String.join(inputs.path("joinWith").asString(""), parts))),
            null,
            now);
      }
      case "Response" -> {
        response = inputs;
        yield withInputs.finish(Status.Succeeded, "OK", inputs, null, now);
      }
      case "Terminate" -> withInputs.finish(Status.Succeeded, "OK", null, null, now);
      default ->
          withInputs.finish(
              Status.Succeeded,
              "OK",
              Variables.apply(type, inputs, variables, action.name()),
              null,
              now);
    };
  }

  /**
   * The inputs evaluated before an action runs. Query's {@code where}, Select's {@code select} and
   * Table's {@code columns} use {@code item()}, so they are evaluated per item instead.
   */
  private static JsonNode eagerInputs(ActionDef action) {
    JsonNode inputs = action.inputs();
    if (!inputs.isObject()) {
      return inputs;
    }
    ObjectNode copy = ((ObjectNode) inputs).deepCopy();
    switch (action.type()) {
      case "Query" -> copy.remove("where");
      case "Select" -> copy.remove("select");
      case "Table" -> copy.remove("columns");
      default -> {}
    }
    return copy;
  }

  private static ArrayNode array(JsonNode from, ActionDef action) {
    if (!from.isArray()) {
      throw new ActionFailure(
          "InvalidTemplate",
          "The 'from' of action '" + action.name() + "' must be an array, not " + kind(from) + ".");
    }
    return (ArrayNode) from;
  }

  static ObjectNode body(JsonNode value) {
    ObjectNode outputs = JSON.objectNode();
    outputs.set("body", value);
    return outputs;
  }

  static String kind(JsonNode value) {
    if (value == null || value.isMissingNode() || value.isNull()) {
      return "null";
    }
    return value.getNodeType().name().toLowerCase(Locale.ROOT);
  }

  static ObjectNode error(String code, String message) {
    return JSON.objectNode().put("code", code).put("message", message);
  }

  // ---------------------------------------------------------------- expression context

  /** Answers the run-state functions of expressions evaluated in a frame. */
  private final class Context implements ExpressionContext {
    private final Frame frame;
    private final JsonNode selectItem;
    private final boolean hasSelectItem;

    Context(Frame frame) {
      this(frame, null, false);
    }

    private Context(Frame frame, JsonNode selectItem, boolean hasSelectItem) {
      this.frame = frame;
      this.selectItem = selectItem;
      this.hasSelectItem = hasSelectItem;
    }

    Context withItem(JsonNode item) {
      return new Context(frame, item, true);
    }

    @Override
    public Clock clock() {
      return clock;
    }

    @Override
    public JsonNode call(String function, List<JsonNode> args) {
      return switch (function) {
        case "triggerbody" -> run.triggerBody();
        case "triggeroutputs" -> triggerOutputs();
        case "trigger" -> {
          ObjectNode trigger = JSON.objectNode().put("name", run.triggerName());
          trigger.set("outputs", triggerOutputs());
          yield trigger;
        }
        case "parameters" -> parameter(text(function, args, 0));
        case "variables" -> {
          JsonNode value = variables.get(text(function, args, 0).toLowerCase(Locale.ROOT));
          if (value == null) {
            throw new ExpressionException(
                "The variable '" + text(function, args, 0) + "' has not been initialised.");
          }
          yield value;
        }
        case "body", "actionbody" ->
            record(function, args).outputs() == null
                ? JSON.nullNode()
                : record(function, args).outputs().path("body");
        case "outputs", "actionoutputs" -> nullToJson(record(function, args).outputs());
        case "actions", "action" -> actionJson(record(function, args));
        case "result" -> resultOf(text(function, args, 0));
        case "items" -> loop(text(function, args, 0)).item();
        case "iterationindexes" -> JSON.numberNode(loop(text(function, args, 0)).index());
        case "item" -> {
          if (hasSelectItem) {
            yield selectItem;
          }
          for (Frame f = frame; f != null; f = f.parent()) {
            if (f.loop() != null && f.item() != null) {
              yield f.item();
            }
          }
          throw new ExpressionException(
              "item() can only be used inside a Foreach, Select or Query.");
        }
        case "workflow" -> {
          ObjectNode workflow =
              JSON.objectNode().put("id", run.playbookId()).put("name", run.playbookName());
          workflow.set(
              "run",
              JSON.objectNode()
                  .put("id", run.playbookId() + "/runs/" + run.runName())
                  .put("name", run.runName()));
          yield workflow;
        }
        case "listcallbackurl" -> JSON.stringNode("");
        default ->
            throw new ExpressionException(
                "The template function '" + function + "' is not defined or not valid.");
      };
    }

    private JsonNode triggerOutputs() {
      ObjectNode outputs = JSON.objectNode();
      outputs.set("headers", JSON.objectNode());
      outputs.set("body", run.triggerBody());
      return outputs;
    }

    private JsonNode parameter(String name) {
      JsonNode value = run.parameters().get(name);
      if (value == null) {
        for (Map.Entry<String, JsonNode> e : run.parameters().entrySet()) {
          if (e.getKey().equalsIgnoreCase(name)) {
            value = e.getValue();
          }
        }
      }
      if (value == null) {
        throw new ExpressionException("The workflow parameter '" + name + "' is not found.");
      }
      return value;
    }

    private ActionRecord record(String function, List<JsonNode> args) {
      String name = text(function, args, 0);
      return result(frame, name)
          .orElseThrow(
              () ->
                  new ExpressionException(
                      "The action '"
                          + name
                          + "' referenced by "
                          + function
                          + "() has not run (yet)."));
    }

    private JsonNode resultOf(String scopeName) {
      ArrayNode out = JSON.arrayNode();
      ActionDef scope = find(workflow.actions(), scopeName);
      if (scope == null) {
        throw new ExpressionException("result('" + scopeName + "') names no scope.");
      }
      for (ActionDef child : scope.actions()) {
        result(frame, child.name()).ifPresent(r -> out.add(actionJson(r)));
      }
      return out;
    }

    private Frame loop(String name) {
      for (Frame f = frame; f != null; f = f.parent()) {
        if (f.loop() != null && f.loop().equalsIgnoreCase(name)) {
          return f;
        }
      }
      throw new ExpressionException(
          "items('" + name + "') is used outside the Foreach '" + name + "'.");
    }
  }

  private static ActionDef find(List<ActionDef> actions, String name) {
    for (ActionDef action : actions) {
      if (action.name().equalsIgnoreCase(name)) {
        return action;
      }
      ActionDef found = find(children(action), name);
      if (found != null) {
        return found;
      }
    }
    return null;
  }

  static ObjectNode actionJson(ActionRecord record) {
    ObjectNode json = JSON.objectNode();
    json.put("name", record.name());
    json.set("inputs", nullToJson(record.inputs()));
    json.set("outputs", nullToJson(record.outputs()));
    json.put("status", record.status().name());
    if (record.code() != null) {
      json.put("code", record.code());
    }
    json.put("startTime", record.startTime().toString());
    if (record.endTime() != null) {
      json.put("endTime", record.endTime().toString());
    }
    if (record.error() != null) {
      json.set("error", record.error());
    }
    return json;
  }

  private static JsonNode nullToJson(JsonNode node) {
    return node == null ? JSON.nullNode() : node;
  }

  private static String text(String function, List<JsonNode> args, int index) {
    if (args.size() <= index || !args.get(index).isString()) {
      throw new ExpressionException(
          "The function '" + function + "' expects a string as argument " + (index + 1) + ".");
    }
    return args.get(index).asString();
  }
}
