package com.youtubechat.local.sam;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.youtubechat.local.DefinitionException;
import com.youtubechat.local.LambdaFunction;
import com.youtubechat.local.UnsupportedFeatureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SamProjectTest {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  @TempDir
  Path root;

  private static final String TEMPLATE = """
      Parameters:
        Table: {Type: String, Default: videos}
      Globals:
        Function:
          Timeout: 20
          AutoPublishAlias: live
          Environment:
            Variables:
              SHARED: x
      Resources:
        First:
          Type: AWS::Serverless::Function
          Properties:
            Handler: com.example.First::handleRequest
            Timeout: 90
            MemorySize: 1024
            Environment:
              Variables:
                TABLE: !Ref Table
        Second:
          Type: AWS::Serverless::Function
          Properties:
            Handler: com.example.Second::handleRequest
        Machine:
          Type: AWS::Serverless::StateMachine
          Properties:
            DefinitionUri: sm/machine.asl.json
            DefinitionSubstitutions:
              FirstArn: !Ref First.Alias
              SecondArn: !GetAtt Second.Arn
              TableName: !Ref Table
            Events:
              Inserted:
                Type: EventBridgeRule
                Properties:
                  Pattern: {source: [app], detail-type: [{prefix: "video."}]}
        OtherRule:
          Type: AWS::Events::Rule
          Properties:
            EventPattern: {source: [other]}
            Targets: [{Id: m, Arn: !GetAtt Machine.Arn}]
        DisabledRule:
          Type: AWS::Events::Rule
          Properties:
            State: DISABLED
            EventPattern: {source: [disabled]}
            Targets: [{Id: m, Arn: !Ref Machine}]
      """;

  private static final String DEFINITION = """
      {"QueryLanguage": "JSONata", "StartAt": "A", "States": {
        "A": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Arguments": {"FunctionName": "${FirstArn}", "Payload": {"table": "${TableName}"}}, "Next": "B"},
        "B": {"Type": "Task", "Resource": "arn:aws:states:::lambda:invoke",
              "Arguments": {"FunctionName": "${SecondArn}"}, "End": true}}}""";

  private SamProject write(String template, String definition) throws IOException {
    Files.writeString(root.resolve("template.yaml"), template);
    Files.createDirectories(root.resolve("sm"));
    Files.writeString(root.resolve("sm/machine.asl.json"), definition);
    return SamProject.read(root);
  }

  @Test
  void functions_takeTheirPropertiesOrTheGlobals() throws IOException {
    SamProject project = write(TEMPLATE, DEFINITION);

    LambdaFunction first = project.functions().get("First");
    LambdaFunction second = project.functions().get("Second");
    assertEquals(new LambdaFunction("First", "com.example.First::handleRequest", Duration.ofSeconds(90), 1024,
        List.of("SHARED", "TABLE"), "live"), first);
    assertEquals(Duration.ofSeconds(20), second.timeout());
    assertEquals(128, second.memorySizeMb());
    assertEquals("com.example.Second", second.handlerClass());
  }

  @Test
  void substitutions_areReplacedAndMappedToTheirFunctions() throws IOException {
    StateMachineResource machine = write(TEMPLATE, DEFINITION).stateMachine();

    assertEquals("Machine", machine.logicalId());
    JsonNode states = machine.definition().path("States");
    assertEquals("arn:aws:lambda:us-east-1:123456789012:function:First:live",
        states.path("A").path("Arguments").path("FunctionName").asText());
    assertEquals("videos", states.path("A").path("Arguments").path("Payload").path("table").asText());
    assertEquals("arn:aws:lambda:us-east-1:123456789012:function:Second",
        states.path("B").path("Arguments").path("FunctionName").asText());
    assertEquals("First", machine.substitutedFunctions().get("FirstArn").name());
    assertEquals("com.example.Second::handleRequest", machine.substitutedFunctions().get("SecondArn").handler());
    assertNull(machine.substitutedFunctions().get("TableName"));
  }

  @Test
  void eventPatterns_comeFromEnabledRulesAndTheMachinesEvents() throws IOException {
    StateMachineResource machine = write(TEMPLATE, DEFINITION).stateMachine();

    assertEquals(2, machine.eventPatterns().size());
    assertTrue(machine.eventPatterns().stream().anyMatch(p -> p.matches(json("{\"source\": \"app\", \"detail-type\": \"video.insert\"}"))));
    assertTrue(machine.eventPatterns().stream().anyMatch(p -> p.matches(json("{\"source\": \"other\"}"))));
    assertTrue(machine.eventPatterns().stream().noneMatch(p -> p.matches(json("{\"source\": \"disabled\"}"))));
  }

  @Test
  void placeholderWithoutSubstitution_isRefused() throws IOException {
    SamProject project = write(TEMPLATE, DEFINITION.replace("${TableName}", "${Missing}"));

    DefinitionException refused = assertThrows(DefinitionException.class, project::stateMachine);
    assertTrue(refused.getMessage().contains("${Missing}"), refused.getMessage());
  }

  @Test
  void substitutionWithAnUnimplementedIntrinsic_isRefused() throws IOException {
    SamProject project = write(TEMPLATE.replace("TableName: !Ref Table", "TableName: !Sub \"${AWS::StackName}-t\""), DEFINITION);

    assertInstanceOf(UnsupportedFeatureException.class, assertThrows(DefinitionException.class, project::stateMachine));
  }

  @Test
  void cloudFormationShortTags_becomeIntrinsicFunctions() throws IOException {
    JsonNode parsed = CloudFormationYaml.read("""
        A: !Ref Fn.Alias
        B: !GetAtt Role.Arn
        C: !Sub "arn:${AWS::Partition}:x"
        D: [!Ref P, plain]
        E: {x: 1}
        """);

    assertEquals(json("""
        {"A": {"Ref": "Fn.Alias"}, "B": {"Fn::GetAtt": ["Role", "Arn"]},
         "C": {"Fn::Sub": "arn:${AWS::Partition}:x"}, "D": [{"Ref": "P"}, "plain"], "E": {"x": 1}}"""), parsed);
  }

  private static JsonNode json(String text) {
    try {
      return MAPPER.readTree(text);
    } catch (IOException e) {
      throw new IllegalArgumentException(e);
    }
  }
}
