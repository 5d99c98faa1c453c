package com.youtubechat.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.NullNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.youtubechat.local.asl.Bindings;
import com.youtubechat.local.asl.State;
import com.youtubechat.local.asl.State.Branch;
import com.youtubechat.local.asl.State.Catcher;
import com.youtubechat.local.asl.State.ChoiceRule;
import com.youtubechat.local.asl.State.ChoiceState;
import com.youtubechat.local.asl.State.FailState;
import com.youtubechat.local.asl.State.JitterStrategy;
import com.youtubechat.local.asl.State.ParallelState;
import com.youtubechat.local.asl.State.PassState;
import com.youtubechat.local.asl.State.Retrier;
import com.youtubechat.local.asl.State.SucceedState;
import com.youtubechat.local.asl.State.TaskState;
import com.youtubechat.local.asl.Template;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionService;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.random.RandomGenerator;

/** Runs the states of a definition: transitions, data flow, variables, retries and catches. */
final class Interpreter {

  /** Step Functions' limit on an execution's input, a state's output and a task's payload and result. */
  static final int MAX_PAYLOAD_BYTES = 262_144;

  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
  /** Caps a delay without MaxDelaySeconds; far beyond any real wait, it only avoids overflow. */
  private static final double LONGEST_DELAY_SECONDS = 1e9;

  private final FunctionResolver functions;
  private final TaskInvoker invoker;
  private final Sleeper sleeper;
  private final RandomGenerator random;

  Interpreter(FunctionResolver functions, TaskInvoker invoker, Sleeper sleeper, RandomGenerator random) {
    this.functions = functions;
    this.invoker = invoker;
    this.sleeper = sleeper;
    this.random = random;
  }

  /** Runs a branch (or the top level) from its StartAt to a state that ends it; returns that state's output. */
  JsonNode runBranch(Branch branch, JsonNode input, Variables variables, Run run) throws InterruptedException {
    String current = branch.startAt();
    JsonNode data = input;
    while (true) {
      if (Thread.currentThread().isInterrupted()) {
        throw new InterruptedException("the branch was stopped before state " + current);
      }
      State state = branch.states().get(current);
      Step step = runState(state, data, variables, run);
      if (step.next() == null) {
        return step.output();
      }
      current = step.next();
      data = step.output();
    }
  }

  private record Step(JsonNode output, String next) {}

  /** What one attempt of a state produced: its output, the variables it assigns and where it goes. */
  private record Outcome(JsonNode output, Map<String, JsonNode> assigned, String next) {}

  @FunctionalInterface
  private interface Attempt {
    Outcome run(Bindings bindings) throws InterruptedException;
  }

  private Step runState(State state, JsonNode input, Variables variables, Run run) throws InterruptedException {
    return switch (state) {
      case TaskState task -> withRetryAndCatch(state, task.retriers(), task.catchers(), input, variables, run,
          bindings -> runTask(task, bindings));
      case ParallelState parallel -> withRetryAndCatch(state, parallel.retriers(), parallel.catchers(), input,
          variables, run, bindings -> runParallel(parallel, input, bindings, variables, run));
      case PassState pass -> withRetryAndCatch(state, List.of(), List.of(), input, variables, run, bindings ->
          new Outcome(pass.output() == null ? input : pass.output().evaluate(bindings),
              evaluate(pass.assign(), bindings), pass.next()));
      case ChoiceState choice -> withRetryAndCatch(state, List.of(), List.of(), input, variables, run,
          bindings -> new Outcome(input, Map.of(), choose(choice, bindings)));
      case SucceedState succeed -> withRetryAndCatch(state, List.of(), List.of(), input, variables, run,
          bindings -> new Outcome(succeed.output() == null ? input : succeed.output().evaluate(bindings), Map.of(), null));
      case FailState fail -> withRetryAndCatch(state, List.of(), List.of(), input, variables, run, bindings -> {
        throw new StatesException(text(fail.error(), bindings, fail.name() + ".Error"),
            text(fail.cause(), bindings, fail.name() + ".Cause"));
      });
    };
  }

  /**
   * Runs a state's attempts: an error a retrier matches (the first retrier whose ErrorEquals
   * matches, while it has attempts left) runs the state again after the retrier's delay; otherwise
   * the first matching catcher sends the execution to its Next with the error output; otherwise the
   * state fails with the error.
   */
  private Step withRetryAndCatch(State state, List<Retrier> retriers, List<Catcher> catchers, JsonNode input,
      Variables variables, Run run, Attempt attempt) throws InterruptedException {
    Instant entered = run.now();
    long start = System.nanoTime();
    int[] retriesBy = new int[retriers.size()];
    int retries = 0;
    run.record(state.name(), HistoryEvent.Type.ENTERED, null, null, null, 1);
    while (true) {
      JsonNode context = run.context(state.name(), entered, retries);
      Bindings bindings = Bindings.of(input, context, variables.visible());
      try {
        Outcome outcome = attempt.run(bindings);
        checkSize(outcome.output(), "the output of state " + state.name());
        variables.assign(outcome.assigned());
        run.record(state.name(), HistoryEvent.Type.EXITED, since(start), null, null, retries + 1);
        return new Step(outcome.output(), outcome.next());
      } catch (StatesException error) {
        int retrier = matchingRetrier(retriers, error.error());
        if (retrier >= 0 && retriesBy[retrier] < retriers.get(retrier).maxAttempts()) {
          Duration delay = delay(retriers.get(retrier), retriesBy[retrier]);
          retriesBy[retrier]++;
          run.record(state.name(), HistoryEvent.Type.RETRY, delay, error.error(), error.errorCause(), retries + 1);
          retries++;
          try {
            sleeper.sleep(delay);
          } catch (InterruptedException e) {
            run.record(state.name(), HistoryEvent.Type.ABORTED, since(start), null, null, retries + 1);
            throw e;
          }
          continue;
        }
        Catcher catcher = catchers.stream()
            .filter(c -> ErrorNames.matchesAny(c.errorEquals(), error.error())).findFirst().orElse(null);
        if (catcher == null) {
          run.record(state.name(), HistoryEvent.Type.FAILED, since(start), error.error(), error.errorCause(), retries + 1);
          throw error;
        }
        return caught(state, catcher, error, bindings, variables, run, start, retries + 1);
      } catch (InterruptedException e) {
        run.record(state.name(), HistoryEvent.Type.ABORTED, since(start), null, null, retries + 1);
        throw e;
      }
    }
  }

  private Step caught(State state, Catcher catcher, StatesException error, Bindings bindings, Variables variables,
      Run run, long start, int attempt) {
    ObjectNode errorOutput = NODES.objectNode();
    errorOutput.put("Error", error.error());
    errorOutput.put("Cause", error.errorCause());
    Bindings withError = bindings.withErrorOutput(errorOutput);
    JsonNode output;
    Map<String, JsonNode> assigned;
    try {
      output = catcher.output() == null ? errorOutput : catcher.output().evaluate(withError);
      assigned = evaluate(catcher.assign(), withError);
      checkSize(output, "the output of state " + state.name());
    } catch (StatesException failure) {
      // An error in the catcher itself is not caught again.
      run.record(state.name(), HistoryEvent.Type.FAILED, since(start), failure.error(), failure.errorCause(), attempt);
      throw failure;
    }
    variables.assign(assigned);
    run.record(state.name(), HistoryEvent.Type.CAUGHT, since(start), error.error(), error.errorCause(), attempt);
    return new Step(output, catcher.next());
  }

  private static int matchingRetrier(List<Retrier> retriers, String error) {
    for (int i = 0; i < retriers.size(); i++) {
      if (ErrorNames.matchesAny(retriers.get(i).errorEquals(), error)) {
        return i;
      }
    }
    return -1;
  }

  /**
   * The wait before retry number {@code retriesDone + 1} of a retrier: IntervalSeconds ×
   * BackoffRate^retriesDone, at most MaxDelaySeconds, then with FULL jitter a uniformly random
   * fraction of that.
   */
  private Duration delay(Retrier retrier, int retriesDone) {
    double seconds = retrier.intervalSeconds() * Math.pow(retrier.backoffRate(), retriesDone);
    if (retrier.maxDelaySeconds() != null) {
      seconds = Math.min(seconds, retrier.maxDelaySeconds());
    }
    seconds = Math.min(seconds, LONGEST_DELAY_SECONDS);
    if (retrier.jitterStrategy() == JitterStrategy.FULL) {
      seconds *= randomFraction();
    }
    return Duration.ofMillis(Math.round(seconds * 1000));
  }

  /**
   * A fraction in [0, 1) for FULL jitter. Executions and Parallel branches retry from many threads
   * at once, and a {@link RandomGenerator} need not be thread-safe ({@code SplittableRandom} is
   * not, nor are the scripted ones of tests): calls are serialised.
   */
  private double randomFraction() {
    synchronized (random) {
      return random.nextDouble();
    }
  }

  // --- the states ---------------------------------------------------------------------------------

  private Outcome runTask(TaskState task, Bindings bindings) throws InterruptedException {
    JsonNode arguments = task.arguments().evaluate(bindings);
    if (!arguments.isObject()) {
      throw new StatesException(ErrorNames.RUNTIME, "The Arguments of state " + task.name()
          + " evaluated to " + arguments + "; lambda:invoke needs an object {FunctionName, Payload}");
    }
    for (String field : (Iterable<String>) arguments::fieldNames) {
      if (!field.equals("FunctionName") && !field.equals("Payload")) {
        throw new StatesException(ErrorNames.RUNTIME, "The Arguments of state " + task.name() + " hold " + field
            + "; the local executor passes only FunctionName and Payload to lambda:invoke");
      }
    }
    JsonNode functionName = arguments.get("FunctionName");
    if (functionName == null || !functionName.isTextual()) {
      throw new StatesException(ErrorNames.RUNTIME, "The Arguments of state " + task.name()
          + " have no FunctionName string: " + arguments);
    }
    FunctionResolver.Resolved target = functions.resolve(functionName.textValue());
    JsonNode payload = arguments.has("Payload") ? arguments.get("Payload") : NullNode.getInstance();
    checkSize(payload, "the Payload of state " + task.name());
    JsonNode returned;
    try {
      returned = invoker.invoke(target.function(), payload);
    } catch (InterruptedException e) {
      throw e;
    } catch (Exception | Error e) {
      throw LambdaErrors.fromThrowable(e);
    }
    ObjectNode result = NODES.objectNode();
    result.set("Payload", returned == null ? NullNode.getInstance() : returned);
    result.put("StatusCode", 200);
    result.put("ExecutedVersion", target.qualifier());
    checkSize(result, "the result of state " + task.name());
    Bindings withResult = bindings.withResult(result);
    JsonNode output = task.output() == null ? result : task.output().evaluate(withResult);
    return new Outcome(output, evaluate(task.assign(), withResult), task.next());
  }

  private Outcome runParallel(ParallelState parallel, JsonNode input, Bindings bindings, Variables variables, Run run)
      throws InterruptedException {
    JsonNode branchInput = parallel.arguments() == null ? input : parallel.arguments().evaluate(bindings);
    ArrayNode results = runBranches(parallel.branches(), branchInput, variables, run);
    Bindings withResult = bindings.withResult(results);
    JsonNode output = parallel.output() == null ? results : parallel.output().evaluate(withResult);
    return new Outcome(output, evaluate(parallel.assign(), withResult), parallel.next());
  }

  /**
   * Runs every branch on its own virtual thread. The first branch to fail stops the others (their
   * threads are interrupted) and the Parallel state fails with that branch's error.
   */
  private ArrayNode runBranches(List<Branch> branches, JsonNode input, Variables variables, Run run)
      throws InterruptedException {
    try (ExecutorService threads = Executors.newVirtualThreadPerTaskExecutor()) {
      CompletionService<JsonNode> completions = new ExecutorCompletionService<>(threads);
      List<Future<JsonNode>> futures = new ArrayList<>();
      for (Branch branch : branches) {
        futures.add(completions.submit(() -> runBranch(branch, input, variables.branch(), run)));
      }
      try {
        for (int done = 0; done < futures.size(); done++) {
          Future<JsonNode> finished = completions.take();
          try {
            finished.get();
          } catch (ExecutionException e) {
            futures.forEach(future -> future.cancel(true));
            if (e.getCause() instanceof StatesException error) {
              throw error;
            }
            throw new IllegalStateException("a Parallel branch failed unexpectedly", e.getCause());
          }
        }
      } catch (InterruptedException e) {
        futures.forEach(future -> future.cancel(true));
        throw e;
      }
      ArrayNode results = NODES.arrayNode();
      for (Future<JsonNode> future : futures) {
        results.add(future.resultNow());
      }
      return results;
    }
  }

  private static String choose(ChoiceState choice, Bindings bindings) {
    for (ChoiceRule rule : choice.choices()) {
      JsonNode value = rule.condition().evaluate(bindings);
      if (!value.isBoolean()) {
        throw new StatesException(ErrorNames.QUERY_EVALUATION_ERROR, "The JSONata expression '"
            + rule.condition().source() + "' specified for the field '" + rule.condition().field()
            + "' returned " + value + "; a Condition must return a boolean");
      }
      if (value.booleanValue()) {
        return rule.next();
      }
    }
    if (choice.defaultNext() == null) {
      throw new StatesException(ErrorNames.NO_CHOICE_MATCHED, "No Choice rule of state " + choice.name()
          + " matched and it has no Default");
    }
    return choice.defaultNext();
  }

  private static String text(Template template, Bindings bindings, String field) {
    if (template == null) {
      return null;
    }
    JsonNode value = template.evaluate(bindings);
    if (!value.isTextual()) {
      throw new StatesException(ErrorNames.QUERY_EVALUATION_ERROR, "The field " + field
          + " evaluated to " + value + "; it must be a string");
    }
    return value.textValue();
  }

  /** Evaluates every Assign value against the same bindings: no assignment sees another of the same state. */
  private static Map<String, JsonNode> evaluate(Map<String, Template> assign, Bindings bindings) {
    Map<String, JsonNode> values = new LinkedHashMap<>();
    assign.forEach((name, template) -> values.put(name, template.evaluate(bindings)));
    return values;
  }

  static void checkSize(JsonNode value, String what) {
    byte[] bytes;
    try {
      bytes = MAPPER.writeValueAsBytes(value);
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    if (bytes.length > MAX_PAYLOAD_BYTES) {
      throw new StatesException(ErrorNames.DATA_LIMIT_EXCEEDED, "The size of " + what + " is " + bytes.length
          + " bytes, over Step Functions' limit of " + MAX_PAYLOAD_BYTES + " bytes (256 KiB, UTF-8)");
    }
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }
}
