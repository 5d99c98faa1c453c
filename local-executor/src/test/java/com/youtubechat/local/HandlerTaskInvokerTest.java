package com.youtubechat.local;

import static com.youtubechat.local.Fakes.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.local.HandlerTaskInvoker.FunctionStats;
import com.youtubechat.local.handlers.TestHandlers;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(120) // a guard against a hang, not a speed bound
class HandlerTaskInvokerTest {

  private static final String HANDLERS = TestHandlers.class.getName();

  private static LambdaFunction function(String name, String handlerClass) {
    return LambdaFunction.named(name).withHandler(HANDLERS + "$" + handlerClass + "::handleRequest");
  }

  /** One task calling {@code function} with the input, outputting the payload; catches everything into {Error, Cause}. */
  private static LocalStateMachine machine(LambdaFunction function, HandlerTaskInvoker invoker) {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Arguments": {"FunctionName": "%s", "Payload": "{%% $states.input %%}"},
                   "Output": "{%% $states.result.Payload %%}", "End": true}}}""".formatted(function.name());
    return LocalStateMachine.builder(json(definition)).function(function).invoker(invoker)
        .listener(ExecutionListener.none()).build();
  }

  private final ExecutorService threads = Executors.newCachedThreadPool();

  @BeforeEach
  void reset() {
    TestHandlers.Echo.INSTANCES.set(0);
    TestHandlers.Throwing.INSTANCES.set(0);
    TestHandlers.Slow.interrupted = new CountDownLatch(1);
    TestHandlers.Gate.reset();
  }

  @AfterEach
  void openTheGate() {
    TestHandlers.Gate.open.countDown();
    threads.shutdownNow();
  }

  private Future<JsonNode> invokeInBackground(HandlerTaskInvoker invoker, LambdaFunction function, String payload) {
    return threads.submit(() -> invoker.invoke(function, json(payload)));
  }

  /** Waits until {@code count} more invocations are inside the Gate handler. */
  private static void awaitAtTheGate(int count) throws InterruptedException {
    // Patience for a busy machine, not a speed bound.
    assertTrue(TestHandlers.Gate.entered.tryAcquire(count, 60, TimeUnit.SECONDS),
        "fewer than " + count + " invocations reached the handler");
  }

  private static StatesException throttled(HandlerTaskInvoker invoker, LambdaFunction function) {
    StatesException error = assertThrows(StatesException.class, () -> invoker.invoke(function, json("{}")));
    assertEquals("Lambda.TooManyRequestsException", error.error());
    assertEquals("Rate Exceeded.", error.errorCause());
    return error;
  }

  @Test
  void handler_getsThePayloadItsDeclaredVariablesAndAContext_andIsReusedLikeAWarmContainer() {
    LambdaFunction echo = function("EchoFunction", "Echo").withEnvironmentVariables(List.of("TABLE", "MISSING"))
        .withTimeout(Duration.ofSeconds(42));
    HandlerTaskInvoker invoker = HandlerTaskInvoker.builder()
        .environment(Map.of("TABLE", "videos", "UNDECLARED", "not for this function")).build();
    LocalStateMachine machine = machine(echo, invoker);

    Execution first = machine.startExecution(json("{\"id\": 1}"));
    Execution second = machine.startExecution(json("{\"id\": 2}"));

    assertEquals(ExecutionStatus.SUCCEEDED, first.status(), first.error() + ": " + first.cause());
    JsonNode output = first.output();
    assertEquals(json("{\"id\": 1}"), output.path("input"));
    assertEquals(json("""
        {"AWS_DEFAULT_REGION": "us-east-1", "AWS_LAMBDA_FUNCTION_MEMORY_SIZE": "128",
         "AWS_LAMBDA_FUNCTION_NAME": "EchoFunction", "AWS_LAMBDA_FUNCTION_VERSION": "$LATEST",
         "AWS_REGION": "us-east-1", "TABLE": "videos"}"""), output.path("environment"));
    int remaining = output.path("remainingMillis").asInt();
    assertTrue(remaining > 30_000 && remaining <= 42_000, "remaining " + remaining);
    assertEquals("EchoFunction", output.path("functionName").asText());
    assertEquals(json("{\"id\": 2}"), second.output().path("input"));
    assertEquals(1, TestHandlers.Echo.INSTANCES.get(), "the handler instance is reused");
  }

  @Test
  void perFunctionEnvironments_andUndeclaredVariablesOnRequest() {
    LambdaFunction echo = function("EchoFunction", "Echo").withEnvironmentVariables(List.of("TABLE"));
    HandlerTaskInvoker invoker = HandlerTaskInvoker.builder()
        .environments(Map.of("EchoFunction", Map.of("TABLE", "t1", "BASE_URL", "http://127.0.0.1:9"),
            "Other", Map.of("TABLE", "t2")))
        .passUndeclaredVariables().build();

    JsonNode environment = machine(echo, invoker).startExecution(json("{}")).output().path("environment");

    assertEquals("t1", environment.path("TABLE").asText());
    assertEquals("http://127.0.0.1:9", environment.path("BASE_URL").asText());
  }

  @Test
  void handlerRunningPastItsTimeout_isSandboxTimedout_andItsThreadIsInterrupted() throws Exception {
    LambdaFunction slow = function("SlowFunction", "Slow");
    HandlerTaskInvoker invoker = HandlerTaskInvoker.builder().timeout("SlowFunction", Duration.ofMillis(250)).build();

    Execution execution = machine(slow, invoker).startExecution(json("{}"));

    assertEquals(ExecutionStatus.FAILED, execution.status());
    assertEquals("Sandbox.Timedout", execution.error());
    assertEquals("Task timed out after 0.25 seconds", execution.cause());
    // The handler sleeps 30 s: it counts the latch down only when interrupted, so the invoker gave up
    // on it rather than waiting it out. The wait is patience for a busy machine, not a speed bound.
    assertTrue(TestHandlers.Slow.interrupted.await(25, TimeUnit.SECONDS), "the handler thread was not interrupted");
  }

  @Test
  void timeoutFromTheTemplate_isUsedWithoutOverride() {
    LambdaFunction slow = function("SlowFunction", "Slow").withTimeout(Duration.ofSeconds(1));

    Execution execution = machine(slow, HandlerTaskInvoker.builder().build()).startExecution(json("{}"));

    assertEquals("Task timed out after 1.00 seconds", execution.cause());
  }

  @Test
  void handlerException_isNamedByItsClassWithTheRuntimeErrorJson_andTheContainerIsKept() throws Exception {
    LambdaFunction throwing = function("ThrowingFunction", "Throwing");
    LocalStateMachine machine = machine(throwing, HandlerTaskInvoker.builder().build());

    Execution failed = machine.startExecution(json("{\"throw\": \"state\"}"));
    Execution fine = machine.startExecution(json("{}"));

    assertEquals("java.lang.IllegalStateException", failed.error());
    JsonNode cause = Fakes.MAPPER.readTree(failed.cause());
    assertEquals("the handler gave up", cause.path("errorMessage").asText());
    assertEquals("java.lang.IllegalStateException", cause.path("errorType").asText());
    assertTrue(cause.path("stackTrace").get(0).asText().startsWith(HANDLERS + "$Throwing.handleRequest(TestHandlers.java:"),
        cause.path("stackTrace").toString());
    assertEquals("java.io.IOException", cause.path("cause").path("errorType").asText());
    assertEquals(ExecutionStatus.SUCCEEDED, fine.status());
    assertEquals(1, TestHandlers.Throwing.INSTANCES.get());
  }

  @Test
  void jvmErrorInTheHandler_isLambdaUnknown_andTheContainerIsReplaced() {
    LambdaFunction throwing = function("ThrowingFunction", "Throwing");
    LocalStateMachine machine = machine(throwing, HandlerTaskInvoker.builder().build());

    Execution failed = machine.startExecution(json("{\"throw\": \"oom\"}"));
    machine.startExecution(json("{}"));

    assertEquals("Lambda.Unknown", failed.error());
    assertTrue(failed.cause().contains("\"errorType\":\"java.lang.OutOfMemoryError\""), failed.cause());
    assertEquals(2, TestHandlers.Throwing.INSTANCES.get());
  }

  @Test
  void failingConstructor_failsTheInvocationWithItsException() {
    Execution execution = machine(function("BrokenFunction", "FailingConstructor"), HandlerTaskInvoker.builder().build())
        .startExecution(json("{}"));

    assertEquals("java.lang.IllegalArgumentException", execution.error());
    assertTrue(execution.cause().contains("XATA_DB_URL is not set"), execution.cause());
  }

  @Test
  void handlerThatCannotBeBuilt_isRefusedWhenTheMachineIsBuilt() {
    HandlerTaskInvoker invoker = HandlerTaskInvoker.builder().build();

    DefinitionException noConstructor = assertThrows(DefinitionException.class,
        () -> machine(function("F", "NoMapConstructor"), invoker));
    DefinitionException noClass = assertThrows(DefinitionException.class,
        () -> machine(LambdaFunction.named("F").withHandler("com.example.Missing::handleRequest"), invoker));

    assertTrue(noConstructor.getMessage().contains("no public constructor taking the environment"), noConstructor.getMessage());
    assertTrue(noClass.getMessage().contains("com.example.Missing::handleRequest: the class is not on the class path"),
        noClass.getMessage());
  }

  @Test
  void reservedConcurrency_throttlesTheInvocationBeyondIt_atOnce_andFreesTheSlotWhenOneEnds() throws Exception {
    LambdaFunction gated = function("GatedFunction", "Gate").withReservedConcurrency(1);
    HandlerTaskInvoker invoker = HandlerTaskInvoker.builder().build();
    invoker.prepare(List.of(gated));
    assertEquals(new FunctionStats(0, 0, 0, 0, 0), invoker.stats().get("GatedFunction"));

    Future<JsonNode> first = invokeInBackground(invoker, gated, "{\"n\": 1}");
    awaitAtTheGate(1);
    // Returns while the first is still held at the gate: a throttle does not wait for a slot.
    throttled(invoker, gated);
    FunctionStats whileHeld = invoker.stats().get("GatedFunction");
    TestHandlers.Gate.open.countDown();

    assertEquals(new FunctionStats(1, 1, 1, 1, 1), whileHeld);
    assertEquals(json("{\"n\": 1}"), first.get(60, TimeUnit.SECONDS));
    assertEquals(json("{\"n\": 3}"), invoker.invoke(gated, json("{\"n\": 3}")));
    assertEquals(new FunctionStats(0, 1, 2, 1, 1), invoker.stats().get("GatedFunction"));
    assertEquals(1, TestHandlers.Gate.INSTANCES.get(), "the second invocation ran in the warm container");
    assertThrows(UnsupportedOperationException.class, () -> invoker.stats().clear());
  }

  @Test
  void reservedConcurrencyZero_throttlesEveryInvocation_withoutStartingAContainer() {
    LambdaFunction off = function("OffFunction", "Echo").withReservedConcurrency(0);
    HandlerTaskInvoker invoker = HandlerTaskInvoker.builder().build();

    throttled(invoker, off);
    Execution execution = machine(off, invoker).startExecution(json("{}"));

    assertEquals(ExecutionStatus.FAILED, execution.status());
    assertEquals("Lambda.TooManyRequestsException", execution.error());
    assertEquals("Rate Exceeded.", execution.cause());
    assertEquals(new FunctionStats(0, 0, 0, 0, 2), invoker.stats().get("OffFunction"));
    assertEquals(0, TestHandlers.Echo.INSTANCES.get());
  }

  @Test
  void accountConcurrency_isSharedByTheUnreservedFunctions_andReservedOnesDoNotCountAgainstIt() throws Exception {
    LambdaFunction reserved = function("ReservedFunction", "Gate").withReservedConcurrency(1);
    LambdaFunction gated = function("GatedFunction", "Gate");
    LambdaFunction echo = function("EchoFunction", "Echo");
    HandlerTaskInvoker invoker = HandlerTaskInvoker.builder().accountConcurrency(1).build();

    Future<JsonNode> reservedRunning = invokeInBackground(invoker, reserved, "{\"r\": 1}");
    awaitAtTheGate(1);
    // The reserved function's invocation leaves the unreserved pool (1) free.
    JsonNode echoed = invoker.invoke(echo, json("{\"e\": 1}"));
    Future<JsonNode> gatedRunning = invokeInBackground(invoker, gated, "{\"g\": 1}");
    awaitAtTheGate(1);
    // Now the unreserved pool is in use by another function; the reserved one is at its own limit.
    throttled(invoker, echo);
    throttled(invoker, reserved);
    TestHandlers.Gate.open.countDown();

    assertEquals(json("{\"e\": 1}"), echoed.path("input"));
    assertEquals(json("{\"r\": 1}"), reservedRunning.get(60, TimeUnit.SECONDS));
    assertEquals(json("{\"g\": 1}"), gatedRunning.get(60, TimeUnit.SECONDS));
    assertEquals(json("{\"e\": 2}"), invoker.invoke(echo, json("{\"e\": 2}")).path("input"));
    assertEquals(Map.of(
        "EchoFunction", new FunctionStats(0, 1, 2, 1, 1),
        "GatedFunction", new FunctionStats(0, 1, 1, 1, 0),
        "ReservedFunction", new FunctionStats(0, 1, 1, 1, 1)), invoker.stats());
  }

  @Test
  void warmContainersAreReused_newOnesStartOnlyForInvocationsRunningAtOnce() throws Exception {
    LambdaFunction gated = function("GatedFunction", "Gate");
    HandlerTaskInvoker invoker = HandlerTaskInvoker.builder().build();

    List<Future<JsonNode>> together = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      together.add(invokeInBackground(invoker, gated, "{\"n\": " + i + "}"));
    }
    awaitAtTheGate(3);
    FunctionStats allInside = invoker.stats().get("GatedFunction");
    TestHandlers.Gate.open.countDown();
    for (Future<JsonNode> invocation : together) {
      invocation.get(60, TimeUnit.SECONDS);
    }
    for (int i = 0; i < 3; i++) {
      invoker.invoke(gated, json("{}"));
    }

    assertEquals(new FunctionStats(3, 3, 3, 3, 0), allInside);
    assertEquals(new FunctionStats(0, 3, 6, 3, 0), invoker.stats().get("GatedFunction"));
    assertEquals(3, TestHandlers.Gate.INSTANCES.get());
  }

  @Test
  void containerThatTimedOut_isThrownAway_andFreesItsSlot() {
    LambdaFunction slow = function("SlowFunction", "Slow").withReservedConcurrency(1);
    HandlerTaskInvoker invoker = HandlerTaskInvoker.builder().timeout("SlowFunction", Duration.ofMillis(250)).build();

    StatesException first = assertThrows(StatesException.class, () -> invoker.invoke(slow, json("{}")));
    StatesException second = assertThrows(StatesException.class, () -> invoker.invoke(slow, json("{}")));

    assertEquals("Sandbox.Timedout", first.error());
    assertEquals("Sandbox.Timedout", second.error(), "not throttled: the timed-out invocation freed its slot");
    assertEquals(new FunctionStats(0, 1, 2, 2, 0), invoker.stats().get("SlowFunction"));
  }

  @Test
  void containerThatThrewAnError_isThrownAway_andFreesItsSlot_anExceptionKeepsIt() throws Exception {
    LambdaFunction throwing = function("ThrowingFunction", "Throwing").withReservedConcurrency(1);
    HandlerTaskInvoker invoker = HandlerTaskInvoker.builder().build();

    StatesException oom = assertThrows(StatesException.class, () -> invoker.invoke(throwing, json("{\"throw\": \"oom\"}")));
    StatesException state = assertThrows(StatesException.class,
        () -> invoker.invoke(throwing, json("{\"throw\": \"state\"}")));
    JsonNode fine = invoker.invoke(throwing, json("{}"));

    assertEquals("Lambda.Unknown", oom.error());
    assertEquals("java.lang.IllegalStateException", state.error());
    assertEquals(json("{\"ok\": true}"), fine);
    assertEquals(new FunctionStats(0, 1, 3, 2, 0), invoker.stats().get("ThrowingFunction"));
    assertEquals(2, TestHandlers.Throwing.INSTANCES.get());
  }

  @Test
  void failingConstructor_countsAsAColdStart_andFreesItsSlot() {
    LambdaFunction broken = function("BrokenFunction", "FailingConstructor").withReservedConcurrency(1);
    HandlerTaskInvoker invoker = HandlerTaskInvoker.builder().build();

    for (int i = 0; i < 2; i++) {
      StatesException error = assertThrows(StatesException.class, () -> invoker.invoke(broken, json("{}")));
      assertEquals("java.lang.IllegalArgumentException", error.error());
    }
    assertEquals(new FunctionStats(0, 1, 2, 2, 0), invoker.stats().get("BrokenFunction"));
  }

  @Test
  void stoppedInvocation_throwsItsContainerAway_andFreesItsSlot() throws Exception {
    LambdaFunction gated = function("GatedFunction", "Gate").withReservedConcurrency(1);
    HandlerTaskInvoker invoker = HandlerTaskInvoker.builder().build();
    AtomicReference<Throwable> outcome = new AtomicReference<>();
    Thread caller = Thread.ofPlatform().start(() -> {
      try {
        invoker.invoke(gated, json("{}"));
      } catch (Throwable thrown) {
        outcome.set(thrown);
      }
    });
    awaitAtTheGate(1);

    caller.interrupt(); // as a cancelled Parallel branch is stopped
    caller.join(TimeUnit.SECONDS.toMillis(60));
    TestHandlers.Gate.open.countDown();
    JsonNode next = invoker.invoke(gated, json("{\"n\": 2}"));

    assertFalse(caller.isAlive());
    assertInstanceOf(InterruptedException.class, outcome.get());
    assertEquals(json("{\"n\": 2}"), next);
    assertEquals(new FunctionStats(0, 1, 2, 2, 0), invoker.stats().get("GatedFunction"));
  }

  @Test
  void accountConcurrency_mustNotBeNegative() {
    assertThrows(IllegalArgumentException.class, () -> HandlerTaskInvoker.builder().accountConcurrency(-1));
    assertThrows(IllegalArgumentException.class, () -> LambdaFunction.named("F").withReservedConcurrency(-1));
  }
}
