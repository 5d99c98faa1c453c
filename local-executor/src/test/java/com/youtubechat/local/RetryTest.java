package com.youtubechat.local;

import static com.youtubechat.local.Fakes.json;
import static com.youtubechat.local.Fakes.machine;
import static com.youtubechat.local.Fakes.oneTask;
import static com.youtubechat.local.Fakes.seconds;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.local.Fakes.FakeInvoker;
import com.youtubechat.local.Fakes.FlakyException;
import com.youtubechat.local.Fakes.RecordingSleeper;
import com.youtubechat.local.Fakes.ScriptedRandom;
import java.time.Duration;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryTest {

  private static final String FLAKY = FlakyException.class.getName();

  private final RecordingSleeper sleeper = new RecordingSleeper();

  /** Fails {@code failures} times with the exception, then echoes its payload. */
  private static FakeInvoker failingTimes(int failures, RuntimeException exception) {
    AtomicInteger calls = new AtomicInteger();
    return new FakeInvoker().on("Fn", payload -> {
      if (calls.incrementAndGet() <= failures) {
        throw exception;
      }
      return payload;
    });
  }

  @Test
  void retryWithBackoff_sleepsGrowingDelaysUpToMaxDelay() {
    FakeInvoker invoker = failingTimes(4, new FlakyException("503 from upstream"));
    String definition = oneTask("Fn", """
        "Retry": [{"ErrorEquals": ["%s"], "IntervalSeconds": 2, "BackoffRate": 3, "MaxDelaySeconds": 10,
                   "MaxAttempts": 4}], "End": true""".formatted(FLAKY), "");

    Execution execution = machine(definition, invoker, "Fn").sleeper(sleeper).build()
        .startExecution(json("{\"n\": 1}"));

    assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.error() + " " + execution.cause());
    assertEquals(json("{\"n\": 1}"), execution.output());
    assertEquals(5, invoker.count("Fn"));
    // 2, 2×3 = 6, 2×9 = 18 → 10, 2×27 = 54 → 10
    assertEquals(List.of(seconds(2), seconds(6), seconds(10), seconds(10)), sleeper.delays());
    List<HistoryEvent> retries = execution.eventsOf("Call").stream()
        .filter(e -> e.type() == HistoryEvent.Type.RETRY).toList();
    assertEquals(4, retries.size());
    assertEquals(FLAKY, retries.get(0).error());
    assertEquals(seconds(6), retries.get(1).duration());
    assertEquals(List.of(1, 2, 3, 4), retries.stream().map(HistoryEvent::attempt).toList());
  }

  @Test
  void retryDefaults_threeRetriesOneSecondDoubling_thenFails() {
    FakeInvoker invoker = failingTimes(100, new FlakyException("always"));
    String definition = oneTask("Fn", "\"Retry\": [{\"ErrorEquals\": [\"States.ALL\"]}], \"End\": true", "");

    Execution execution = machine(definition, invoker, "Fn").sleeper(sleeper).build().startExecution(json("{}"));

    assertEquals(ExecutionStatus.FAILED, execution.status());
    assertEquals(FLAKY, execution.error());
    assertEquals(4, invoker.count("Fn"));
    assertEquals(List.of(seconds(1), seconds(2), seconds(4)), sleeper.delays());
  }

  @Test
  void maxAttemptsZero_neverRetries() {
    FakeInvoker invoker = failingTimes(1, new FlakyException("once"));
    String definition = oneTask("Fn", """
        "Retry": [{"ErrorEquals": ["%s"], "MaxAttempts": 0}], "End": true""".formatted(FLAKY), "");

    Execution execution = machine(definition, invoker, "Fn").sleeper(sleeper).build().startExecution(json("{}"));

    assertEquals(ExecutionStatus.FAILED, execution.status());
    assertEquals(1, invoker.count("Fn"));
    assertTrue(sleeper.delays().isEmpty());
  }

  @Test
  void fullJitter_scalesEachCappedDelayByTheRandomFraction() {
    FakeInvoker invoker = failingTimes(3, new FlakyException("busy"));
    String definition = oneTask("Fn", """
        "Retry": [{"ErrorEquals": ["%s"], "IntervalSeconds": 4, "BackoffRate": 2, "MaxDelaySeconds": 10,
                   "MaxAttempts": 3, "JitterStrategy": "FULL"}], "End": true""".formatted(FLAKY), "");

    Execution execution = machine(definition, invoker, "Fn").sleeper(sleeper)
        .random(new ScriptedRandom(0.5, 0.25, 0.999)).build().startExecution(json("{}"));

    assertEquals(ExecutionStatus.SUCCEEDED, execution.status());
    // caps 4, 8, 16 → 10; times 0.5, 0.25, 0.999
    assertEquals(List.of(seconds(2), seconds(2), seconds(9.99)), sleeper.delays());
  }

  @Test
  void fullJitter_delaysStayBetweenZeroAndTheBackoff() {
    FakeInvoker invoker = failingTimes(200, new FlakyException("busy"));
    String definition = oneTask("Fn", """
        "Retry": [{"ErrorEquals": ["%s"], "IntervalSeconds": 3, "BackoffRate": 1.5, "MaxDelaySeconds": 20,
                   "MaxAttempts": 50, "JitterStrategy": "FULL"}], "End": true""".formatted(FLAKY), "");

    machine(definition, invoker, "Fn").sleeper(sleeper).random(new SplittableRandom(42)).build()
        .startExecution(json("{}"));

    List<Duration> delays = sleeper.delays();
    assertEquals(50, delays.size());
    for (int i = 0; i < delays.size(); i++) {
      double cap = Math.min(20, 3 * Math.pow(1.5, i));
      double actual = delays.get(i).toMillis() / 1000.0;
      assertTrue(actual >= 0 && actual <= cap, "delay " + i + " = " + actual + " s, outside [0, " + cap + "]");
    }
    // Jitter really varies the delays: not every capped delay is at its cap.
    assertTrue(delays.stream().filter(d -> d.equals(seconds(20))).count() < 5, delays.toString());
  }

  @Test
  void firstMatchingRetrier_isUsedEvenWhenExhausted_laterRetriersDoNotTakeOver() {
    FakeInvoker invoker = failingTimes(100, new FlakyException("always"));
    String definition = oneTask("Fn", """
        "Retry": [{"ErrorEquals": ["%s"], "MaxAttempts": 1, "IntervalSeconds": 7},
                  {"ErrorEquals": ["States.ALL"], "MaxAttempts": 5}], "End": true""".formatted(FLAKY), "");

    Execution execution = machine(definition, invoker, "Fn").sleeper(sleeper).build().startExecution(json("{}"));

    assertEquals(ExecutionStatus.FAILED, execution.status());
    assertEquals(2, invoker.count("Fn"));
    assertEquals(List.of(seconds(7)), sleeper.delays());
  }

  @Test
  void eachRetrier_countsItsOwnAttemptsAndBackoff() {
    AtomicInteger calls = new AtomicInteger();
    FakeInvoker invoker = new FakeInvoker().on("Fn", payload -> {
      int call = calls.incrementAndGet();
      if (call <= 4) {
        // A, B, A, B
        throw new StatesException(call % 2 == 1 ? "Custom.A" : "Custom.B", "call " + call);
      }
      return payload;
    });
    String definition = oneTask("Fn", """
        "Retry": [{"ErrorEquals": ["Custom.A"], "IntervalSeconds": 1, "BackoffRate": 10},
                  {"ErrorEquals": ["Custom.B"], "IntervalSeconds": 2, "BackoffRate": 3}], "End": true""", "");

    Execution execution = machine(definition, invoker, "Fn").sleeper(sleeper).build().startExecution(json("{}"));

    assertEquals(ExecutionStatus.SUCCEEDED, execution.status());
    assertEquals(List.of(seconds(1), seconds(2), seconds(10), seconds(6)), sleeper.delays());
  }

  @Test
  void retriesExhausted_thenCatcherCatches() {
    FakeInvoker invoker = failingTimes(100, new FlakyException("down"));
    String definition = oneTask("Fn", """
        "Retry": [{"ErrorEquals": ["%s"], "MaxAttempts": 2}],
        "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Recovered"}], "End": true""".formatted(FLAKY),
        "\"Recovered\": {\"Type\": \"Pass\", \"End\": true}");

    Execution execution = machine(definition, invoker, "Fn").sleeper(sleeper).build().startExecution(json("{}"));

    assertEquals(ExecutionStatus.SUCCEEDED, execution.status());
    assertEquals(3, invoker.count("Fn"));
    assertEquals(FLAKY, execution.output().path("Error").asText());
    assertEquals(List.of(HistoryEvent.Type.ENTERED, HistoryEvent.Type.RETRY, HistoryEvent.Type.RETRY,
        HistoryEvent.Type.CAUGHT), execution.eventsOf("Call").stream().map(HistoryEvent::type).toList());
  }

  @Test
  void contextRetryCount_countsTheRetriesOfTheState() {
    AtomicInteger calls = new AtomicInteger();
    FakeInvoker invoker = new FakeInvoker().on("Fn", payload -> {
      if (calls.incrementAndGet() <= 2) {
        throw new FlakyException("again");
      }
      return payload;
    });
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Arguments": {"FunctionName": "Fn", "Payload": "{% $states.context.State.RetryCount %}"},
                   "Output": "{% $states.result.Payload %}",
                   "Retry": [{"ErrorEquals": ["States.ALL"]}], "End": true}}}""";

    Execution execution = machine(definition, invoker, "Fn").sleeper(sleeper).build().startExecution(json("{}"));

    assertEquals(json("2"), execution.output());
    assertEquals(List.of(json("0"), json("1"), json("2")), invoker.payloadsOf("Fn"));
  }
}
