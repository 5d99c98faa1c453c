package com.youtubechat.local;

import static com.youtubechat.local.Fakes.json;
import static com.youtubechat.local.Fakes.machine;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.youtubechat.local.Fakes.FakeInvoker;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class EventPatternTest {

  private static EventPattern pattern(String json) {
    return EventPattern.parse(json(json), "TestRule");
  }

  private static final EventPattern INSERTS = pattern("""
      {"source": ["custom.youtubeChat"], "detail-type": ["insert"]}""");

  @Test
  void exactValues_acceptAMatchingEvent() {
    assertTrue(INSERTS.matches(json("""
        {"source": "custom.youtubeChat", "detail-type": "insert", "detail": {"id": "rec_1"}}""")));
  }

  @Test
  void exactValues_refuseAnotherValueOrAMissingField() {
    assertEquals(Optional.of("detail-type is \"update\", which matches none of [\"insert\"]"),
        INSERTS.mismatch(json("{\"source\": \"custom.youtubeChat\", \"detail-type\": \"update\"}")));
    assertEquals(Optional.of("source is missing"), INSERTS.mismatch(json("{\"detail-type\": \"insert\"}")));
    assertFalse(INSERTS.matches(json("{\"source\": \"custom.youtubechat\", \"detail-type\": \"insert\"}")),
        "matching is case-sensitive");
  }

  @Test
  void nestedFields_prefix_numbersAndEventArrays() {
    EventPattern nested = pattern("""
        {"detail": {"url": [{"prefix": "https://www.youtube.com/"}], "lengthSeconds": [60, 120],
                    "flags": ["live"], "chatEnabled": [false]}}""");

    assertTrue(nested.matches(json("""
        {"detail": {"url": "https://www.youtube.com/watch?v=x", "lengthSeconds": 120.0,
                    "flags": ["hd", "live"], "chatEnabled": false}}""")));
    assertFalse(nested.matches(json("""
        {"detail": {"url": "https://youtu.be/x", "lengthSeconds": 120, "flags": ["live"], "chatEnabled": false}}""")));
    assertFalse(nested.matches(json("""
        {"detail": {"url": "https://www.youtube.com/x", "lengthSeconds": "120", "flags": ["live"], "chatEnabled": false}}""")),
        "a string never matches a number");
    assertFalse(nested.matches(json("""
        {"detail": {"url": "https://www.youtube.com/x", "lengthSeconds": 60, "flags": ["hd"], "chatEnabled": false}}""")));
    assertEquals(Optional.of("detail is missing"), nested.mismatch(json("{}")));
  }

  @Test
  void unimplementedOperators_areRefusedWhenParsed() {
    for (String operators : new String[] {
        "{\"source\": [{\"anything-but\": \"x\"}]}",
        "{\"detail\": {\"n\": [{\"numeric\": [\">\", 0]}]}}",
        "{\"source\": [{\"prefix\": \"a\", \"suffix\": \"b\"}]}",
        "{\"$or\": [{\"source\": [\"a\"]}, {\"source\": [\"b\"]}]}"}) {
      assertThrows(UnsupportedFeatureException.class, () -> pattern(operators), operators);
    }
    assertInstanceOf(DefinitionException.class, assertThrows(DefinitionException.class, () -> pattern("{\"source\": \"x\"}")));
  }

  @Test
  void start_refusesANonMatchingEventBeforeAnythingRuns_andRunsAMatchingOne() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "Call", "States": {
          "Call": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
                   "Arguments": {"FunctionName": "Fn", "Payload": "{% $states.input.detail %}"},
                   "Output": "{% $states.result.Payload %}", "End": true}}}""";
    FakeInvoker invoker = new FakeInvoker().echo("Fn");
    LocalStateMachine machine = machine(definition, invoker, "Fn").eventPattern(INSERTS).build();

    EventPatternMismatchException refused = assertThrows(EventPatternMismatchException.class,
        () -> machine.start(json("{\"source\": \"custom.youtubeChat\", \"detail-type\": \"delete\", \"detail\": {}}")));
    Execution execution = machine.start(json(
        "{\"source\": \"custom.youtubeChat\", \"detail-type\": \"insert\", \"detail\": {\"id\": \"rec_1\"}}"));

    assertTrue(refused.getMessage().contains("TestRule: detail-type is \"delete\""), refused.getMessage());
    assertEquals(1, invoker.invocations().size());
    assertEquals(json("{\"id\": \"rec_1\"}"), execution.output());
  }

  @Test
  void start_withoutAnyRule_isRefused_startExecutionRunsAnyInput() {
    String definition = """
        {"QueryLanguage": "JSONata", "StartAt": "P", "States": {"P": {"Type": "Pass", "End": true}}}""";
    LocalStateMachine machine = machine(definition, new FakeInvoker()).build();

    assertThrows(IllegalStateException.class, () -> machine.start(json("{}")));
    assertEquals(json("{\"a\": 1}"), machine.startExecution(json("{\"a\": 1}")).output());
  }
}
