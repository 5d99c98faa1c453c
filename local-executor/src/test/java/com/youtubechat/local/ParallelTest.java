package com.youtubechat.local;

import static com.youtubechat.local.Fakes.json;
import static com.youtubechat.local.Fakes.machine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.local.Fakes.FakeInvoker;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120) // a guard against a hang, not a speed bound
class ParallelTest {

  /**
   * Parallel "Both" with branch A (task A) and branch B (task B, then task B2), each task invoking
   * the function of its name with the branch input; the branches may catch with {@code catchA}/{@code catchB}.
   */
  private static String parallel(String catchA, String catchB, String parallelFields) {
    return """
        {"QueryLanguage": "JSONata", "StartAt": "Both", "States": {
          "Both": {"Type": "Parallel", "Arguments": "{%% $states.input.item %%}", %s
            "Branches": [
              {"StartAt": "A", "States": {
                "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                      "Arguments": {"FunctionName": "A", "Payload": "{%% $states.input %%}"},
                      "Output": "{%% $states.result.Payload %%}", %s "End": true}%s}},
              {"StartAt": "B", "States": {
                "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                      "Arguments": {"FunctionName": "B", "Payload": "{%% $states.input %%}"},
                      "Output": "{%% $states.result.Payload %%}", %s "Next": "B2"},
                "B2": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                       "Arguments": {"FunctionName": "B2", "Payload": "{%% $states.input %%}"},
                       "Output": "{%% $states.result.Payload %%}", "End": true}%s}}
            ],
            "End": true}%s}}""".formatted(parallelFields, catchA,
        catchA.isEmpty() ? "" : ", \"ACaught\": {\"Type\": \"Pass\", \"Output\": \"{% {'failed': $states.input.Error} %}\", \"End\": true}",
        catchB, catchB.isEmpty() ? "" : ", \"BCaught\": {\"Type\": \"Pass\", \"End\": true}",
        parallelFields.isEmpty() ? "" : ", \"Recovered\": {\"Type\": \"Pass\", \"End\": true}");
  }

  private static final String CATCH_A = "\"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"ACaught\"}],";
  private static final String CATCH_B = "\"Catch\": [{\"ErrorEquals\": [\"States.ALL\"], \"Next\": \"BCaught\"}],";

  @Test
  void branches_runConcurrently_resultIsTheBranchOutputsInOrder() {
    // Each of A and B waits for the other to be running: this only passes if they run at once.
    CyclicBarrier bothRunning = new CyclicBarrier(2);
    FakeInvoker invoker = new FakeInvoker()
        .on("A", payload -> {
          bothRunning.await(30, TimeUnit.SECONDS);
          return json("{\"a\": " + payload.path("n").asInt() + "}");
        })
        .on("B", payload -> {
          bothRunning.await(30, TimeUnit.SECONDS);
          return json("{\"b\": " + (payload.path("n").asInt() + 1) + "}");
        })
        .on("B2", payload -> json("{\"b2\": " + payload.path("b").asInt() * 10 + "}"));

    Execution execution = machine(parallel("", "", ""), invoker, "A", "B", "B2").build()
        .startExecution(json("{\"item\": {\"n\": 4}}"));

    assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.error() + ": " + execution.cause());
    assertEquals(json("[{\"a\": 4}, {\"b2\": 50}]"), execution.output());
    assertEquals(json("{\"n\": 4}"), invoker.payloadsOf("A").get(0));
  }

  @Test
  void uncaughtBranchError_failsTheParallelWithThatError_andStopsTheOtherBranch() {
    CountDownLatch bStarted = new CountDownLatch(1);
    AtomicBoolean bInterrupted = new AtomicBoolean();
    FakeInvoker invoker = new FakeInvoker()
        .on("A", payload -> {
          bStarted.await(30, TimeUnit.SECONDS);
          throw new StatesException("Custom.BranchError", "A broke");
        })
        .on("B", payload -> {
          bStarted.countDown();
          try {
            Thread.sleep(100_000); // only ends early by being interrupted
          } catch (InterruptedException e) {
            bInterrupted.set(true);
            throw e;
          }
          return payload;
        });

    Execution execution = machine(parallel("", "", ""), invoker, "A", "B", "B2").build()
        .startExecution(json("{\"item\": {}}"));

    assertEquals(ExecutionStatus.FAILED, execution.status());
    assertEquals("Custom.BranchError", execution.error());
    assertEquals("A broke", execution.cause());
    assertTrue(bInterrupted.get(), "branch B was not stopped");
    assertEquals(HistoryEvent.Type.ABORTED, execution.eventsOf("B").getLast().type());
    assertFalse(execution.ran("B2"));
    assertEquals(HistoryEvent.Type.FAILED, execution.eventsOf("Both").getLast().type());
  }

  @Test
  void failedParallel_canBeCaughtOnTheParallelState() {
    FakeInvoker invoker = new FakeInvoker()
        .on("A", payload -> payload)
        .on("B", payload -> {
          throw new StatesException("Custom.BranchError", "B broke");
        });
    String catchOnParallel = """
        "Catch": [{"ErrorEquals": ["Custom.BranchError"], "Next": "Recovered",
                   "Output": "{% {'recovered': $states.errorOutput.Cause, 'input': $states.input.item} %}"}],""";

    Execution execution = machine(parallel("", "", catchOnParallel), invoker, "A", "B", "B2").build()
        .startExecution(json("{\"item\": {\"n\": 1}}"));

    assertEquals(ExecutionStatus.SUCCEEDED, execution.status());
    assertEquals(json("{\"recovered\": \"B broke\", \"input\": {\"n\": 1}}"), execution.output());
  }

  @Test
  void errorCaughtInsideABranch_letsTheOtherBranchFinish() {
    CountDownLatch aFailed = new CountDownLatch(1);
    FakeInvoker invoker = new FakeInvoker()
        .on("A", payload -> {
          aFailed.countDown();
          throw new StatesException("Custom.AError", "A broke");
        })
        // B only answers after A has failed, so B2 runs after A's branch was already caught.
        .on("B", payload -> {
          assertTrue(aFailed.await(30, TimeUnit.SECONDS));
          Thread.sleep(50);
          return json("{\"b\": 1}");
        })
        .on("B2", payload -> json("{\"b2\": true}"));

    Execution execution = machine(parallel(CATCH_A, CATCH_B, ""), invoker, "A", "B", "B2").build()
        .startExecution(json("{\"item\": {}}"));

    assertEquals(ExecutionStatus.SUCCEEDED, execution.status());
    assertEquals(json("[{\"failed\": \"Custom.AError\"}, {\"b2\": true}]"), execution.output());
    assertEquals(1, invoker.count("B2"));
    assertEquals(HistoryEvent.Type.CAUGHT, execution.eventsOf("A").getLast().type());
  }
}
