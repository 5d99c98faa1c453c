package com.youtubechat.local;

import static com.youtubechat.local.Fakes.json;
import static com.youtubechat.local.Fakes.machine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.local.Fakes.FakeInvoker;
import org.junit.jupiter.api.Test;

class ChoiceAndFailTest {

  private static final String ROUTER = """
      {"QueryLanguage": "JSONata", "StartAt": "Route", "States": {
        "Route": {"Type": "Choice", "Choices": [
            {"Condition": "{% $states.input.size > 100 %}", "Next": "Big"},
            {"Condition": "{% $states.input.size > 10 %}", "Next": "Medium"}],
          "Default": "Small"},
        "Big": {"Type": "Pass", "Output": "big", "End": true},
        "Medium": {"Type": "Pass", "Output": "{% 'medium ' & $states.input.size %}", "End": true},
        "Small": {"Type": "Succeed", "Output": "{% {'small': $states.input.size} %}"}}}""";

  private static Execution route(String input) {
    return machine(ROUTER, new FakeInvoker()).build().startExecution(json(input));
  }

  @Test
  void choice_takesTheFirstRuleWhoseConditionIsTrue() {
    assertEquals(json("\"big\""), route("{\"size\": 500}").output());
    assertEquals(json("\"medium 50\""), route("{\"size\": 50}").output());
  }

  @Test
  void choice_takesTheDefaultWhenNoConditionHolds() {
    Execution execution = route("{\"size\": 5}");

    assertEquals(json("{\"small\": 5}"), execution.output());
    assertTrue(execution.ran("Small") && !execution.ran("Big") && !execution.ran("Medium"));
  }

  @Test
  void choiceWithoutDefault_failsWithNoChoiceMatched() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Route", "States": {
          "Route": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.go %}", "Next": "Go"}]},
          "Go": {"Type": "Succeed"}}}""";

    Execution execution = machine(definition, new FakeInvoker()).build().startExecution(json("{\"go\": false}"));

    assertEquals(ExecutionStatus.FAILED, execution.status());
    assertEquals("States.NoChoiceMatched", execution.error());
  }

  @Test
  void conditionThatIsNotBoolean_failsWithQueryEvaluationError() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Route", "States": {
          "Route": {"Type": "Choice", "Choices": [{"Condition": "{% $states.input.name %}", "Next": "Go"}],
                    "Default": "Go"},
          "Go": {"Type": "Succeed"}}}""";

    Execution execution = machine(definition, new FakeInvoker()).build().startExecution(json("{\"name\": \"x\"}"));

    assertEquals("States.QueryEvaluationError", execution.error());
    assertTrue(execution.cause().contains("must return a boolean"), execution.cause());
  }

  @Test
  void fail_withJsonataErrorAndCause_failsTheExecutionWithThem() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Stop", "States": {
          "Stop": {"Type": "Fail", "Error": "{% $states.input.error %}",
                   "Cause": "{% 'Video ' & $states.input.id & ': ' & $states.input.reason %}"}}}""";

    Execution execution = machine(definition, new FakeInvoker()).build()
        .startExecution(json("{\"error\": \"Video.Gone\", \"id\": \"rec_1\", \"reason\": \"deleted\"}"));

    assertEquals(ExecutionStatus.FAILED, execution.status());
    assertEquals("Video.Gone", execution.error());
    assertEquals("Video rec_1: deleted", execution.cause());
    assertEquals(HistoryEvent.Type.FAILED, execution.eventsOf("Stop").getLast().type());
  }

  @Test
  void fail_withLiteralErrorAndCause() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Stop", "States": {
          "Stop": {"Type": "Fail", "Error": "Plain.Error", "Cause": "plain cause"}}}""";

    Execution execution = machine(definition, new FakeInvoker()).build().startExecution(json("{}"));

    assertEquals("Plain.Error", execution.error());
    assertEquals("plain cause", execution.cause());
  }

  @Test
  void failInsideABranch_failsTheParallelWithItsError() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Both", "States": {
          "Both": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "Fine", "States": {"Fine": {"Type": "Pass", "End": true}}},
            {"StartAt": "Stop", "States": {"Stop": {"Type": "Fail", "Error": "Branch.Stopped", "Cause": "{% $states.input.why %}"}}}]}}}""";

    Execution execution = machine(definition, new FakeInvoker()).build().startExecution(json("{\"why\": \"because\"}"));

    assertEquals("Branch.Stopped", execution.error());
    assertEquals("because", execution.cause());
  }
}
