package com.youtubechat.local;

import static com.youtubechat.local.Fakes.json;
import static com.youtubechat.local.Fakes.machine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.local.Fakes.FakeInvoker;
import org.junit.jupiter.api.Test;

class DataFlowTest {

  @Test
  void arguments_evaluateNestedExpressions_andKeepLiterals() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Arguments": {"FunctionName": "Fn", "Payload": {
              "id": "{% $states.input.detail.id %}",
              "count": "{% $count($states.input.detail.tags) %}",
              "nested": {"upper": "{% $uppercase($states.input.detail.name) %}", "fixed": 7,
                         "list": ["a", "{% $states.input.detail.tags[1] %}", {"deep": "{% 1 + 1 %}"}]},
              "notAnExpression": "costs {% 5 %} euros",
              "nothing": null}},
            "End": true}}}""";
    FakeInvoker invoker = new FakeInvoker().on("Fn", payload -> json("{\"ok\": true}"));

    Execution execution = machine(definition, invoker, "Fn").build().startExecution(
        json("{\"detail\": {\"id\": \"rec_1\", \"name\": \"talk\", \"tags\": [\"x\", \"y\", \"z\"]}}"));

    assertEquals(json("""
        {"id": "rec_1", "count": 3,
         "nested": {"upper": "TALK", "fixed": 7, "list": ["a", "y", {"deep": 2}]},
         "notAnExpression": "costs {% 5 %} euros", "nothing": null}"""), invoker.payloadsOf("Fn").get(0));
    // Without Output, the state output is the whole lambda:invoke result.
    assertEquals(json("{\"Payload\": {\"ok\": true}, \"StatusCode\": 200, \"ExecutedVersion\": \"$LATEST\"}"),
        execution.output());
  }

  @Test
  void output_shapesTheStateOutputFromInputAndResult() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Arguments": {"FunctionName": "Fn:live", "Payload": "{% $states.input %}"},
            "Output": {"from": "{% $states.input.id %}", "got": "{% $states.result.Payload.value %}",
                       "version": "{% $states.result.ExecutedVersion %}",
                       "merged": "{% $merge([$states.input, $states.result.Payload]) %}"},
            "Next": "Shape"},
          "Shape": {"Type": "Pass", "Output": "{% $states.input.merged %}", "End": true}}}""";
    FakeInvoker invoker = new FakeInvoker().on("Fn", payload -> json("{\"value\": 42}"));

    Execution execution = machine(definition, invoker).function(LambdaFunction.named("Fn").withAlias("live"))
        .build().startExecution(json("{\"id\": \"a\"}"));

    assertEquals(json("{\"id\": \"a\", \"value\": 42}"), execution.output());
    assertTrue(execution.ran("Shape"));
  }

  @Test
  void context_holdsExecutionStateAndStateMachine() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Look", "States": {
          "Look": {"Type": "Pass", "End": true, "Output": {
            "executionId": "{% $states.context.Execution.Id %}",
            "executionInput": "{% $states.context.Execution.Input %}",
            "state": "{% $states.context.State.Name %}",
            "machine": "{% $states.context.StateMachine.Name %}",
            "machineId": "{% $states.context.StateMachine.Id %}"}}}}""";

    Execution execution = machine(definition, new FakeInvoker()).name("Videos").build()
        .startExecution(json("{\"x\": 1}"));

    JsonNode output = execution.output();
    assertEquals(execution.executionArn(), output.path("executionId").asText());
    assertTrue(execution.executionArn().startsWith("arn:aws:states:us-east-1:123456789012:execution:Videos:"),
        execution.executionArn());
    assertEquals(json("{\"x\": 1}"), output.path("executionInput"));
    assertEquals("Look", output.path("state").asText());
    assertEquals("Videos", output.path("machine").asText());
    assertEquals("arn:aws:states:us-east-1:123456789012:stateMachine:Videos", output.path("machineId").asText());
  }

  @Test
  void expressionReturningNothing_failsWithQueryEvaluationError() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Look", "States": {
          "Look": {"Type": "Pass", "Output": {"a": "{% $states.input.missing %}"}, "End": true}}}""";

    Execution execution = machine(definition, new FakeInvoker()).build().startExecution(json("{}"));

    assertEquals(ExecutionStatus.FAILED, execution.status());
    assertEquals("States.QueryEvaluationError", execution.error());
    assertEquals("The JSONata expression '$states.input.missing' specified for the field 'States.Look.Output.a'"
        + " returned nothing (undefined).", execution.cause());
  }

  @Test
  void jsonNull_isAValue_notNothing() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Look", "States": {
          "Look": {"Type": "Pass", "Output": {"a": "{% $states.input.x %}", "isNull": "{% $states.input.x = null %}",
                                               "whole": "{% $states.input.x %}"}, "End": true}}}""";

    Execution execution = machine(definition, new FakeInvoker()).build().startExecution(json("{\"x\": null}"));

    assertEquals(json("{\"a\": null, \"isNull\": true, \"whole\": null}"), execution.output());
  }

  @Test
  void failingExpressionInATask_isAQueryEvaluationErrorTheTaskCanCatch() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Arguments": {"FunctionName": "Fn", "Payload": "{% $number($states.input.text) + $error('bad input') %}"},
            "Catch": [{"ErrorEquals": ["States.QueryEvaluationError"], "Next": "Handled"}], "End": true},
          "Handled": {"Type": "Pass", "End": true}}}""";
    FakeInvoker invoker = new FakeInvoker();

    Execution execution = machine(definition, invoker, "Fn").build().startExecution(json("{\"text\": \"1\"}"));

    assertEquals(ExecutionStatus.SUCCEEDED, execution.status());
    assertEquals("States.QueryEvaluationError", execution.output().path("Error").asText());
    assertTrue(execution.output().path("Cause").asText().contains("bad input"), execution.output().toString());
    assertEquals(0, invoker.count("Fn"));
  }

  @Test
  void unknownFunctionAtRunTime_isLambdaResourceNotFound() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Arguments": {"FunctionName": "{% $states.input.fn %}"}, "End": true}}}""";

    Execution execution = machine(definition, new FakeInvoker(), "Fn").build().startExecution(json("{\"fn\": \"Nope\"}"));

    assertEquals("Lambda.ResourceNotFoundException", execution.error());
  }

  @Test
  void outputOverTheStepFunctionsLimit_failsWithDataLimitExceeded() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Arguments": {"FunctionName": "Fn"}, "Output": "{% $states.result.Payload %}",
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Handled"}], "End": true},
          "Handled": {"Type": "Pass", "End": true}}}""";
    FakeInvoker invoker = new FakeInvoker().on("Fn", payload -> json("{\"text\": \"" + "x".repeat(300_000) + "\"}"));

    Execution execution = machine(definition, invoker, "Fn").build().startExecution(json("{}"));

    assertEquals(ExecutionStatus.FAILED, execution.status());
    assertEquals("States.DataLimitExceeded", execution.error());
  }

  @Test
  void history_recordsEntryAndExitOfEachStateInOrder() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "One", "States": {
          "One": {"Type": "Pass", "Next": "Two"},
          "Two": {"Type": "Succeed"}}}""";
    java.util.List<HistoryEvent> heard = java.util.Collections.synchronizedList(new java.util.ArrayList<>());

    Execution execution = machine(definition, new FakeInvoker()).listener(heard::add).build()
        .startExecution(json("{}"));

    assertEquals(java.util.List.of("entered One", "exited One", "entered Two", "exited Two"),
        execution.history().stream().map(e -> e.type().name().toLowerCase() + " " + e.state()).toList());
    assertEquals(execution.history(), heard);
    assertTrue(execution.history().get(1).duration() != null && !execution.history().get(1).duration().isNegative());
  }
}
