package com.youtubechat.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.random.RandomGenerator;

/** Test doubles: a scriptable task invoker, a recording sleeper, a scripted random source. */
final class Fakes {

  static final ObjectMapper MAPPER = new ObjectMapper();

  private Fakes() {}

  static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException(e);
    }
  }

  /** What a fake function does with its payload. */
  @FunctionalInterface
  interface Behaviour {
    JsonNode run(JsonNode payload) throws Throwable;
  }

  record Invocation(String function, JsonNode payload) {}

  /** Runs each function's behaviour and records every invocation. */
  static final class FakeInvoker implements TaskInvoker {

    private final Map<String, Behaviour> behaviours = new HashMap<>();
    private final List<Invocation> invocations = Collections.synchronizedList(new ArrayList<>());

    FakeInvoker on(String function, Behaviour behaviour) {
      behaviours.put(function, behaviour);
      return this;
    }

    /** The function returns its payload. */
    FakeInvoker echo(String function) {
      return on(function, payload -> payload);
    }

    @Override
    public JsonNode invoke(LambdaFunction function, JsonNode payload) throws Exception {
      invocations.add(new Invocation(function.name(), payload));
      Behaviour behaviour = behaviours.get(function.name());
      if (behaviour == null) {
        throw new AssertionError("unexpected invocation of " + function.name());
      }
      try {
        return behaviour.run(payload);
      } catch (Exception | Error e) {
        throw e;
      } catch (Throwable t) {
        throw new AssertionError(t);
      }
    }

    List<Invocation> invocations() {
      synchronized (invocations) {
        return List.copyOf(invocations);
      }
    }

    List<JsonNode> payloadsOf(String function) {
      return invocations().stream().filter(i -> i.function().equals(function)).map(Invocation::payload).toList();
    }

    int count(String function) {
      return payloadsOf(function).size();
    }
  }

  /** Records the delays asked for and returns at once. */
  static final class RecordingSleeper implements Sleeper {
    private final List<Duration> delays = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void sleep(Duration delay) {
      delays.add(delay);
    }

    List<Duration> delays() {
      synchronized (delays) {
        return List.copyOf(delays);
      }
    }
  }

  /** Returns the given values from nextDouble(), in order. */
  static final class ScriptedRandom implements RandomGenerator {
    private final Deque<Double> values = new ArrayDeque<>();

    ScriptedRandom(double... doubles) {
      for (double value : doubles) {
        values.add(value);
      }
    }

    @Override
    public double nextDouble() {
      Double value = values.poll();
      if (value == null) {
        throw new AssertionError("no more scripted random values");
      }
      return value;
    }

    @Override
    public long nextLong() {
      throw new UnsupportedOperationException("only nextDouble() is scripted");
    }
  }

  /** A failure that names itself, as a handler exception would. */
  static final class FlakyException extends RuntimeException {
    FlakyException(String message) {
      super(message);
    }

    FlakyException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** A machine for a definition written in a test, with no-op listener, the given functions (fakes need no handler). */
  static LocalStateMachine.Builder machine(String definition, TaskInvoker invoker, String... functions) {
    LocalStateMachine.Builder builder = LocalStateMachine.builder(json(definition)).name("TestMachine")
        .invoker(invoker).sleeper(new RecordingSleeper()).listener(ExecutionListener.none());
    for (String function : functions) {
      builder.function(LambdaFunction.named(function));
    }
    return builder;
  }

  /**
   * A one-task definition: Task "Call" invoking {@code function} with the state input, output its
   * Payload, with the given extra fields (Retry, Catch...) and further states.
   */
  static String oneTask(String function, String taskFields, String moreStates) {
    return """
        {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Arguments": {"FunctionName": "%s", "Payload": "{%% $states.input %%}"},
                   "Output": "{%% $states.result.Payload %%}", %s}%s
        }}""".formatted(function, taskFields, moreStates.isEmpty() ? "" : ", " + moreStates);
  }

  static Duration seconds(double value) {
    return Duration.ofMillis(Math.round(value * 1000));
  }
}
