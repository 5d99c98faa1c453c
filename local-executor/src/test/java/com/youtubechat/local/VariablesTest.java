package com.youtubechat.local;

import static com.youtubechat.local.Fakes.json;
import static com.youtubechat.local.Fakes.machine;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.youtubechat.local.Fakes.FakeInvoker;
import org.junit.jupiter.api.Test;

class VariablesTest {

  @Test
  void assign_makesVariablesReadableInLaterStates() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
            "Arguments": {"FunctionName": "Fn", "Payload": "{% $states.input %}"},
            "Assign": {"videoId": "{% $states.input.id %}", "chunks": "{% $states.result.Payload.chunks %}",
                       "meta": {"source": "task", "n": "{% $states.result.Payload.chunks * 2 %}"}},
            "Output": {"ignored": true}, "Next": "Use"},
          "Use": {"Type": "Pass", "Output": "{% {'id': $videoId, 'chunks': $chunks, 'meta': $meta} %}", "End": true}}}""";
    FakeInvoker invoker = new FakeInvoker().on("Fn", payload -> json("{\"chunks\": 12}"));

    Execution execution = machine(definition, invoker, "Fn").build().startExecution(json("{\"id\": \"rec_9\"}"));

    assertEquals(json("{\"id\": \"rec_9\", \"chunks\": 12, \"meta\": {\"source\": \"task\", \"n\": 24}}"),
        execution.output());
  }

  @Test
  void assignAndOutputOfOneState_bothSeeTheVariablesAsTheyWereBefore() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "First", "States": {
          "First": {"Type": "Pass", "Assign": {"n": 1}, "Next": "Second"},
          "Second": {"Type": "Pass", "Assign": {"n": "{% $n + 1 %}", "seen": "{% $n %}"},
                     "Output": "{% {'outputSaw': $n} %}", "Next": "Third"},
          "Third": {"Type": "Pass", "Output": "{% {'before': $states.input.outputSaw, 'n': $n, 'seen': $seen} %}", "End": true}}}""";

    Execution execution = machine(definition, new FakeInvoker()).build().startExecution(json("{}"));

    assertEquals(json("{\"before\": 1, \"n\": 2, \"seen\": 1}"), execution.output());
  }

  @Test
  void branches_readOuterVariables_andTheirAssignmentsStayInTheBranch() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Setup", "States": {
          "Setup": {"Type": "Pass", "Assign": {"shared": "outer", "counter": 1}, "Next": "Both"},
          "Both": {"Type": "Parallel", "Next": "After", "Branches": [
            {"StartAt": "Left", "States": {
              "Left": {"Type": "Pass", "Assign": {"counter": 100, "leftOnly": true}, "Next": "LeftRead"},
              "LeftRead": {"Type": "Pass", "Output": "{% {'shared': $shared, 'counter': $counter, 'leftOnly': $leftOnly} %}", "End": true}}},
            {"StartAt": "Right", "States": {
              "Right": {"Type": "Pass", "Output": "{% {'shared': $shared, 'counter': $counter} %}", "End": true}}}]},
          "After": {"Type": "Pass", "Output": "{% {'branches': $states.input, 'counter': $counter, 'leaked': $exists($leftOnly)} %}", "End": true}}}""";

    Execution execution = machine(definition, new FakeInvoker()).build().startExecution(json("{}"));

    assertEquals(json("""
        {"branches": [{"shared": "outer", "counter": 100, "leftOnly": true}, {"shared": "outer", "counter": 1}],
         "counter": 1, "leaked": false}"""), execution.output());
  }

  @Test
  void catcherAssign_setsVariablesFromTheErrorOutput() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "Fn"},
            "Assign": {"never": true},
            "Catch": [{"ErrorEquals": ["States.ALL"], "Next": "Report", "Assign": {"lastError": "{% $states.errorOutput.Error %}"}}],
            "End": true},
          "Report": {"Type": "Pass", "Output": "{% {'lastError': $lastError, 'never': $exists($never)} %}", "End": true}}}""";
    FakeInvoker invoker = new FakeInvoker().on("Fn", payload -> {
      throw new StatesException("Custom.Oops", "oops");
    });

    Execution execution = machine(definition, invoker, "Fn").build().startExecution(json("{}"));

    assertEquals(json("{\"lastError\": \"Custom.Oops\", \"never\": false}"), execution.output());
  }
}
