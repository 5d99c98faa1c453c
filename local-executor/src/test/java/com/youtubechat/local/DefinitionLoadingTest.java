package com.youtubechat.local;

import static com.youtubechat.local.Fakes.json;
import static com.youtubechat.local.Fakes.machine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.local.Fakes.FakeInvoker;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DefinitionLoadingTest {

  /** A valid one-Pass definition, with {@code field} added to the Pass state. */
  private static String passWith(String field) {
    return """
        {"QueryLanguage": "JSONata", "StartAt": "P", "States": {
          "P": {"Type": "Pass", %s "End": true}}}""".formatted(field.isEmpty() ? "" : field + ",");
  }

  private static DefinitionException refused(String definition) {
    FakeInvoker invoker = new FakeInvoker();
    DefinitionException refused = assertThrows(DefinitionException.class,
        () -> machine(definition, invoker, "Fn").build());
    assertTrue(invoker.invocations().isEmpty());
    return refused;
  }

  private static void assertMessage(DefinitionException refused, String expected) {
    assertTrue(refused.getMessage().contains(expected), "message: " + refused.getMessage());
  }

  @Test
  void validDefinition_loads() {
    assertEquals("P", machine(passWith(""), new FakeInvoker()).build().definition().main().startAt());
  }

  @ParameterizedTest
  @ValueSource(strings = {"InputPath", "Parameters", "ResultSelector", "ResultPath", "OutputPath", "ItemsPath", "Result"})
  void jsonPathField_isRefused(String field) {
    DefinitionException refused = refused(passWith("\"" + field + "\": \"$.x\""));

    assertMessage(refused, "States.P: " + field + " is a JSONPath field");
  }

  @Test
  void jsonPathQueryLanguage_isRefused() {
    String definition = """
        {"StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""";

    DefinitionException refused = refused(definition);

    assertInstanceOf(UnsupportedFeatureException.class, refused);
    assertMessage(refused, "QueryLanguage is not set (JSONPath by default)");
  }

  @Test
  void jsonPathStateInAJsonataMachine_isRefused() {
    DefinitionException refused = refused(passWith("\"QueryLanguage\": \"JSONPath\""));

    assertInstanceOf(UnsupportedFeatureException.class, refused);
    assertMessage(refused, "States.P: QueryLanguage JSONPath");
  }

  @ParameterizedTest
  @ValueSource(strings = {"Wait", "Map"})
  void unimplementedStateType_isRefused(String type) {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "S", "States": {"S": {"Type": "%s", "End": true}}}""".formatted(type);

    DefinitionException refused = refused(definition);

    assertInstanceOf(UnsupportedFeatureException.class, refused);
    assertMessage(refused, "States.S: the state type " + type + " is not implemented");
  }

  @Test
  void unimplementedField_isRefused() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Arguments": {"FunctionName": "Fn"}, "TimeoutSeconds": 30, "End": true}}}""";

    DefinitionException refused = refused(definition);

    assertInstanceOf(UnsupportedFeatureException.class, refused);
    assertMessage(refused, "States.Call: the field TimeoutSeconds is not implemented");
  }

  @Test
  void unknownField_isRefused() {
    assertMessage(refused(passWith("\"Outptu\": 1")), "States.P: unknown or misplaced field Outptu");
  }

  @Test
  void otherResource_isRefused() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Put", "States": {
          "Put": {"Type": "Task", "Resource": "arn:aws:states:::dynamodb:putItem",
                  "Arguments": {"TableName": "t"}, "End": true}}}""";

    DefinitionException refused = refused(definition);

    assertInstanceOf(UnsupportedFeatureException.class, refused);
    assertMessage(refused, "States.Put.Resource: arn:aws:states:::dynamodb:putItem is not implemented");
  }

  @Test
  void unimplementedInvokeParameter_isRefused() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Arguments": {"FunctionName": "Fn", "InvocationType": "Event"}, "End": true}}}""";

    assertInstanceOf(UnsupportedFeatureException.class, refused(definition));
  }

  @Test
  void functionNameOfNoKnownFunction_isRefused() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Arguments": {"FunctionName": "arn:aws:lambda:us-east-1:123456789012:function:Other:live"}, "End": true}}}""";

    assertMessage(refused(definition), "States.Call.Arguments.FunctionName: Function not found");
  }

  @Test
  void transitionToAMissingState_isRefused() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "Next": "Nowhere"}}}""";

    assertMessage(refused(definition), "States.P: transition to Nowhere, which is not a state");
  }

  @Test
  void unreachableState_isRefused() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "P", "States": {
          "P": {"Type": "Pass", "End": true}, "Orphan": {"Type": "Succeed"}}}""";

    assertMessage(refused(definition), "States.Orphan: the state is not reachable from P");
  }

  @Test
  void jsonataSyntaxError_isRefused() {
    assertMessage(refused(passWith("\"Output\": \"{% $states.input.( %}\"")), "States.P.Output: the JSONata expression");
  }

  @Test
  void resultOutsideOutputAndAssign_isRefused() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Arguments": {"FunctionName": "Fn", "Payload": "{% $states.result %}"}, "End": true}}}""";

    assertMessage(refused(definition), "States.Call.Arguments.Payload: $states.result is not available in this field");
  }

  @Test
  void invalidRetrier_isRefused() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke", "Arguments": {"FunctionName": "Fn"},
                   "Retry": [{"ErrorEquals": ["States.ALL"], "BackoffRate": 0.5}], "End": true}}}""";

    assertMessage(refused(definition), "States.Call.Retry[0].BackoffRate: must be a number >= 1.0");
  }

  @Test
  void duplicateStateNameAcrossBranches_isRefused() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Both", "States": {
          "Both": {"Type": "Parallel", "End": true, "Branches": [
            {"StartAt": "Same", "States": {"Same": {"Type": "Pass", "End": true}}},
            {"StartAt": "Same", "States": {"Same": {"Type": "Pass", "End": true}}}]}}}""";

    assertMessage(refused(definition), "States.Both.Branches[1].States.Same: the state name Same is used twice");
  }

  @Test
  void stepFunctionsOnlyJsonataFunction_isRefused() {
    DefinitionException refused = refused(passWith("\"Output\": \"{% $uuid() %}\""));

    assertInstanceOf(UnsupportedFeatureException.class, refused);
    assertMessage(refused, "$uuid() is not implemented");
  }

  @Test
  void invalidVariableName_isRefused() {
    assertMessage(refused(passWith("\"Assign\": {\"states\": 1}")), "States.P.Assign: states is not a valid variable name");
  }

  @Test
  void nothingRunsWhenTheDefinitionIsRefused() {
    // The refusal happens in build(): there is no machine to start.
    assertThrows(DefinitionException.class, () -> machine(passWith("\"ResultPath\": \"$.x\""), new FakeInvoker()).build()
        .startExecution(json("{}")));
  }
}
