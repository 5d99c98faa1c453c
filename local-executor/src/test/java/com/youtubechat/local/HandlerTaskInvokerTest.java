package com.youtubechat.local;

import static com.youtubechat.local.Fakes.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.local.handlers.TestHandlers;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
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

  @BeforeEach
  void reset() {
    TestHandlers.Echo.INSTANCES.set(0);
    TestHandlers.Throwing.INSTANCES.set(0);
    TestHandlers.Slow.interrupted = new CountDownLatch(1);
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
}
