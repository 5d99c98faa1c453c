package com.youtubechat.local;

import static com.youtubechat.local.Fakes.json;
import static com.youtubechat.local.Fakes.machine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.local.Fakes.FakeInvoker;
import com.youtubechat.local.Fakes.FlakyException;
import com.youtubechat.shared.error.NoTranscriptException;
import org.junit.jupiter.api.Test;

class CatchTest {

  /** Task "Call" whose catchers go to Pass states that output which catcher ran and the error output. */
  private static final String THREE_CATCHERS = """
      {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
        "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                 "Arguments": {"FunctionName": "Fn", "Payload": {}},
                 "Catch": [
                   {"ErrorEquals": ["com.youtubechat.shared.error.NoTranscriptException"], "Next": "ByName",
                    "Output": "{% {'by': 'name', 'error': $states.errorOutput} %}"},
                   {"ErrorEquals": ["States.TaskFailed"], "Next": "ByTaskFailed",
                    "Output": "{% {'by': 'TaskFailed', 'error': $states.errorOutput} %}"},
                   {"ErrorEquals": ["States.ALL"], "Next": "ByAll",
                    "Output": "{% {'by': 'ALL', 'error': $states.errorOutput} %}"}],
                 "End": true},
        "ByName": {"Type": "Pass", "End": true},
        "ByTaskFailed": {"Type": "Pass", "End": true},
        "ByAll": {"Type": "Pass", "End": true}}}""";

  private static Execution runThrowing(Throwable thrown) {
    FakeInvoker invoker = new FakeInvoker().on("Fn", payload -> {
      throw thrown;
    });
    return machine(THREE_CATCHERS, invoker, "Fn").build().startExecution(json("{}"));
  }

  @Test
  void namedCatcher_winsOverLaterWildcards() {
    Execution execution = runThrowing(new NoTranscriptException("no English captions"));

    assertEquals(ExecutionStatus.SUCCEEDED, execution.status());
    assertEquals("name", execution.output().path("by").asText());
    assertEquals(NoTranscriptException.class.getName(), execution.output().path("error").path("Error").asText());
    assertTrue(execution.ran("ByName") && !execution.ran("ByTaskFailed") && !execution.ran("ByAll"));
  }

  @Test
  void taskFailed_matchesAnyOtherTaskError() {
    Execution execution = runThrowing(new IllegalStateException("bug"));

    assertEquals("TaskFailed", execution.output().path("by").asText());
    assertEquals("java.lang.IllegalStateException", execution.output().path("error").path("Error").asText());
  }

  @Test
  void taskFailed_doesNotMatchStatesTimeout_butStatesAllDoes() {
    Execution execution = runThrowing(new StatesException("States.Timeout", "too slow"));

    assertEquals("ALL", execution.output().path("by").asText());
    assertEquals(json("{\"Error\": \"States.Timeout\", \"Cause\": \"too slow\"}"), execution.output().path("error"));
  }

  @Test
  void sandboxTimedout_isATaskFailure() {
    Execution execution = runThrowing(new StatesException(ErrorNames.SANDBOX_TIMEDOUT, "Task timed out after 3.00 seconds"));

    assertEquals("TaskFailed", execution.output().path("by").asText());
  }

  @Test
  void wildcards_doNotCatchTerminalErrors() {
    Execution execution = runThrowing(new StatesException(ErrorNames.DATA_LIMIT_EXCEEDED, "too big"));

    assertEquals(ExecutionStatus.FAILED, execution.status());
    assertEquals(ErrorNames.DATA_LIMIT_EXCEEDED, execution.error());
    assertEquals(HistoryEvent.Type.FAILED, execution.eventsOf("Call").getLast().type());
  }

  @Test
  void handlerException_isNamedByItsClass_withTheRuntimeErrorDocumentAsCause() throws Exception {
    Execution execution = runThrowing(new FlakyException("upstream said 503", new IllegalArgumentException("inner")));

    JsonNode error = execution.output().path("error");
    assertEquals(FlakyException.class.getName(), error.path("Error").asText());
    JsonNode cause = Fakes.MAPPER.readTree(error.path("Cause").asText());
    assertEquals("upstream said 503", cause.path("errorMessage").asText());
    assertEquals(FlakyException.class.getName(), cause.path("errorType").asText());
    assertTrue(cause.path("stackTrace").get(0).asText().matches("[\\w.$]+\\.\\w+\\(\\w+\\.java:\\d+\\)"),
        cause.path("stackTrace").get(0).asText());
    assertEquals("java.lang.IllegalArgumentException", cause.path("cause").path("errorType").asText());
  }

  @Test
  void jvmError_isLambdaUnknown() {
    Execution execution = runThrowing(new OutOfMemoryError("Java heap space"));

    assertEquals("TaskFailed", execution.output().path("by").asText());
    assertEquals(ErrorNames.LAMBDA_UNKNOWN, execution.output().path("error").path("Error").asText());
    assertTrue(execution.output().path("error").path("Cause").asText().contains("java.lang.OutOfMemoryError"));
  }

  @Test
  void catcherWithoutOutput_outputsTheErrorOutput() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Arguments": {"FunctionName": "Fn"},
                   "Catch": [{"ErrorEquals": ["Custom.Error"], "Next": "After"}], "End": true},
          "After": {"Type": "Pass", "End": true}}}""";
    FakeInvoker invoker = new FakeInvoker().on("Fn", payload -> {
      throw new StatesException("Custom.Error", "why");
    });

    Execution execution = machine(definition, invoker, "Fn").build().startExecution(json("{\"keep\": false}"));

    assertEquals(json("{\"Error\": \"Custom.Error\", \"Cause\": \"why\"}"), execution.output());
  }

  @Test
  void uncaughtError_failsTheExecutionWithItsNameAndCause() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Arguments": {"FunctionName": "Fn"},
                   "Catch": [{"ErrorEquals": ["Other.Error"], "Next": "After"}], "End": true},
          "After": {"Type": "Pass", "End": true}}}""";
    FakeInvoker invoker = new FakeInvoker().on("Fn", payload -> {
      throw new StatesException("Custom.Error", "why");
    });

    Execution execution = machine(definition, invoker, "Fn").build().startExecution(json("{}"));

    assertEquals(ExecutionStatus.FAILED, execution.status());
    assertEquals("Custom.Error", execution.error());
    assertEquals("why", execution.cause());
    assertNull(execution.output());
    assertTrue(!execution.ran("After"));
  }

  @Test
  void statesAllNotAlone_orNotLast_isRefusedAtLoad() {
    String notAlone = """
        {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "Fn"},
                   "Catch": [{"ErrorEquals": ["States.ALL", "Custom"], "Next": "After"}], "End": true},
          "After": {"Type": "Pass", "End": true}}}""";
    String notLast = """
        {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "Fn"},
                   "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "After"},
                             {"ErrorEquals": ["Custom"], "Next": "After"}], "End": true},
          "After": {"Type": "Pass", "End": true}}}""";

    for (String definition : new String[] {notAlone, notLast}) {
      DefinitionException refused = assertThrows(DefinitionException.class,
          () -> machine(definition, new FakeInvoker(), "Fn").build());
      assertTrue(refused.getMessage().contains("States.Call.Catch[0].ErrorEquals: States.ALL must appear alone, in the last catcher"),
          refused.getMessage());
    }
  }
}
