package com.youtubechat.local;

import static com.youtubechat.local.Fakes.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.local.Fakes.RecordingSleeper;
import com.youtubechat.local.HandlerTaskInvoker.FunctionStats;
import com.youtubechat.local.handlers.TestHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.CompletionService;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * One {@link LocalStateMachine} running many executions from many threads at once, sharing one
 * {@link HandlerTaskInvoker}'s containers, as a load benchmark does.
 */
@Timeout(120) // a guard against a hang, not a speed bound
class ConcurrentExecutionsTest {

  private static final String HANDLERS = TestHandlers.class.getName();

  private final ExecutorService threads = Executors.newFixedThreadPool(16);

  private static LambdaFunction function(String name, String handlerClass) {
    return LambdaFunction.named(name).withHandler(HANDLERS + "$" + handlerClass + "::handleRequest");
  }

  @BeforeEach
  void reset() {
    TestHandlers.Gate.reset();
  }

  @AfterEach
  void stop() {
    TestHandlers.Gate.open.countDown();
    threads.shutdownNow();
  }

  /**
   * Assigns {@code $n} from the input, then a Parallel: branch A echoes it through EchoFunction;
   * branch B calls FlakyFunction (the Throwing handler), which throws on the first attempt and
   * succeeds on the retry (FULL jitter). The output names the execution, to show it kept its own data.
   */
  private static final String FAN_OUT = """
      {"QueryLanguage": "JSONata", "StartAt": "Remember", "States": {
        "Remember": {"Type": "Pass", "Assign": {"n": "{% $states.input.n %}"}, "Next": "Both"},
        "Both": {"Type": "Parallel", "Branches": [
            {"StartAt": "A", "States": {"A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
               "Arguments": {"FunctionName": "EchoFunction", "Payload": {"n": "{% $n %}"}},
               "Output": "{% $states.result.Payload.input.n %}", "End": true}}},
            {"StartAt": "B", "States": {"B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
               "Arguments": {"FunctionName": "FlakyFunction",
                             "Payload": {"throw": "{% $states.context.State.RetryCount = 0 ? 'state' : 'no' %}"}},
               "Output": "{% $states.result.Payload.ok %}",
               "Retry": [{"ErrorEquals": ["java.lang.IllegalStateException"], "IntervalSeconds": 2,
                          "JitterStrategy": "FULL"}],
               "End": true}}}],
          "Output": "{% {'n': $n, 'a': $states.result[0], 'b': $states.result[1], 'name': $states.context.Execution.Name} %}",
          "End": true}}}""";

  @Test
  void twoHundredExecutionsFromAThreadPool_eachKeepsItsOwnData_andTheyShareTheContainers() throws Exception {
    int count = 200;
    HandlerTaskInvoker invoker = HandlerTaskInvoker.builder().build();
    RecordingSleeper sleeper = new RecordingSleeper();
    LocalStateMachine machine = LocalStateMachine.builder(json(FAN_OUT))
        .function(function("EchoFunction", "Echo")).function(function("FlakyFunction", "Throwing"))
        .invoker(invoker).sleeper(sleeper).random(new SplittableRandom(7)).listener(ExecutionListener.none()).build();
    CountDownLatch start = new CountDownLatch(1);
    List<Future<Execution>> futures = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      JsonNode input = json("{\"n\": " + i + "}");
      futures.add(threads.submit(() -> {
        start.await();
        return machine.startExecution(input);
      }));
    }
    start.countDown();

    Set<String> names = new HashSet<>();
    for (int i = 0; i < count; i++) {
      Execution execution = futures.get(i).get(100, TimeUnit.SECONDS);
      assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.error() + ": " + execution.cause());
      assertEquals(json("{\"n\": " + i + ", \"a\": " + i + ", \"b\": true, \"name\": \"" + execution.name() + "\"}"),
          execution.output());
      assertEquals(List.of(HistoryEvent.Type.ENTERED, HistoryEvent.Type.RETRY, HistoryEvent.Type.EXITED),
          execution.eventsOf("B").stream().map(HistoryEvent::type).toList());
      names.add(execution.name());
    }
    assertEquals(count, names.size());
    List<Duration> delays = sleeper.delays();
    assertEquals(count, delays.size());
    assertTrue(delays.stream().allMatch(d -> !d.isNegative() && d.compareTo(Duration.ofSeconds(2)) <= 0), delays.toString());
    FunctionStats echo = invoker.stats().get("EchoFunction");
    FunctionStats flaky = invoker.stats().get("FlakyFunction");
    assertEquals(count, echo.invocations());
    assertEquals(2 * count, flaky.invocations());
    for (FunctionStats stats : List.of(echo, flaky)) {
      assertEquals(0, stats.running());
      assertEquals(0, stats.throttles());
      // A container starts only when none is idle, so there are never more than ran at once.
      assertTrue(stats.coldStarts() >= 1 && stats.coldStarts() <= stats.peakConcurrency(), stats.toString());
    }
  }

  /** Holds each retry wait until the test lets one go, and counts the waits begun. */
  private static final class HeldSleeper implements Sleeper {
    final Semaphore waiting = new Semaphore(0);
    final Semaphore letGo = new Semaphore(0);
    final List<Duration> delays = Collections.synchronizedList(new ArrayList<>());

    @Override
    public void sleep(Duration delay) throws InterruptedException {
      delays.add(delay);
      waiting.release();
      letGo.acquire();
    }
  }

  @Test
  void reservedConcurrencyOfTwo_throttlesTheThirdInvocation_andARetryOnTheThrottleSucceedsOnceTheOthersFinish()
      throws Exception {
    int count = 6;
    LambdaFunction gated = function("GatedFunction", "Gate").withReservedConcurrency(2);
    HandlerTaskInvoker invoker = HandlerTaskInvoker.builder().build();
    HeldSleeper sleeper = new HeldSleeper();
    LocalStateMachine machine = LocalStateMachine.builder(json("""
        {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Arguments": {"FunctionName": "GatedFunction", "Payload": "{% $states.input %}"},
                   "Output": "{% $states.result.Payload %}",
                   "Retry": [{"ErrorEquals": ["Lambda.TooManyRequestsException"], "IntervalSeconds": 1,
                              "BackoffRate": 2, "MaxAttempts": 6, "JitterStrategy": "FULL"}],
                   "End": true}}}"""))
        .function(gated).invoker(invoker).sleeper(sleeper).listener(ExecutionListener.none()).build();
    CompletionService<Execution> finished = new ExecutorCompletionService<>(threads);
    for (int i = 0; i < count; i++) {
      JsonNode input = json("{\"n\": " + i + "}");
      finished.submit(() -> machine.startExecution(input));
    }

    // Two invocations are held in the handler; every other one was throttled and waits to retry.
    // (Patience for a busy machine, not speed bounds.)
    assertTrue(TestHandlers.Gate.entered.tryAcquire(2, 60, TimeUnit.SECONDS), "two invocations never ran");
    assertTrue(sleeper.waiting.tryAcquire(count - 2, 60, TimeUnit.SECONDS), "the throttled executions never retried");
    FunctionStats whileHeld = invoker.stats().get("GatedFunction");
    TestHandlers.Gate.open.countDown();
    List<Execution> firstTwo = List.of(next(finished), next(finished));
    // Now both slots are free: let the retries go one by one, each finds an idle warm container.
    List<Execution> retried = new ArrayList<>();
    for (int i = 0; i < count - 2; i++) {
      sleeper.letGo.release();
      retried.add(next(finished));
    }

    assertEquals(new FunctionStats(2, 2, 2, 2, count - 2), whileHeld);
    for (Execution execution : firstTwo) {
      assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.error() + ": " + execution.cause());
      assertTrue(execution.eventsOf("Call").stream().noneMatch(e -> e.type() == HistoryEvent.Type.RETRY));
    }
    for (Execution execution : retried) {
      assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.error() + ": " + execution.cause());
      assertEquals(execution.input(), execution.output());
      List<HistoryEvent> retries = execution.eventsOf("Call").stream()
          .filter(e -> e.type() == HistoryEvent.Type.RETRY).toList();
      assertEquals(1, retries.size());
      assertEquals("Lambda.TooManyRequestsException", retries.get(0).error());
      assertEquals("Rate Exceeded.", retries.get(0).cause());
    }
    Set<JsonNode> outputs = new HashSet<>();
    firstTwo.forEach(execution -> outputs.add(execution.output()));
    retried.forEach(execution -> outputs.add(execution.output()));
    assertEquals(count, outputs.size());
    FunctionStats after = invoker.stats().get("GatedFunction");
    assertEquals(new FunctionStats(0, 2, count, 2, count - 2), after);
    assertTrue(after.peakConcurrency() <= 2);
    assertEquals(2, TestHandlers.Gate.MOST_INSIDE.get(), "the handlers themselves never saw more than two at once");
    assertEquals(count - 2, sleeper.delays.size());
    assertTrue(sleeper.delays.stream().allMatch(d -> d.compareTo(Duration.ofSeconds(1)) <= 0), sleeper.delays.toString());
  }

  private static Execution next(CompletionService<Execution> finished) throws Exception {
    Future<Execution> done = finished.poll(60, TimeUnit.SECONDS);
    assertNotNull(done, "no execution finished");
    return done.get();
  }
}
