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
import com.youtubechat.local.LocalStateMachine;
import com.youtubechat.local.UnsupportedFeatureException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
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

  /** The opt-in reserved concurrency of the project's template: off at the Default 0, on with an override. */
  private static final String CONCURRENCY_TEMPLATE = """
      Parameters:
        FunctionConcurrency:
          Type: Number
          Default: 0
        Stage: {Type: String, Default: dev, AllowedValues: [dev, prod]}
      Conditions:
        LimitFunctionConcurrency: !Not [!Equals [!Ref FunctionConcurrency, 0]]
        Prod: !Equals [!Ref Stage, prod]
        LimitedProd: !And [!Condition LimitFunctionConcurrency, !Condition Prod]
        LimitedOrProd: !Or [!Condition LimitFunctionConcurrency, !Condition Prod]
      Globals:
        Function:
          Timeout: !If [Prod, 60, 20]
          ReservedConcurrentExecutions: !If [LimitFunctionConcurrency, !Ref FunctionConcurrency, !Ref AWS::NoValue]
      Resources:
        FromGlobals:
          Type: AWS::Serverless::Function
          Properties:
            Handler: com.example.A::handleRequest
        Literal:
          Type: AWS::Serverless::Function
          Properties:
            Handler: com.example.B::handleRequest
            ReservedConcurrentExecutions: 3
        NoValueHere:
          Type: AWS::Serverless::Function
          Properties:
            Handler: com.example.C::handleRequest
            ReservedConcurrentExecutions: !Ref AWS::NoValue
        Combined:
          Type: AWS::Serverless::Function
          Properties:
            Handler: com.example.D::handleRequest
            MemorySize: !If [LimitedProd, 2048, !If [LimitedOrProd, 1024, 256]]
        Machine:
          Type: AWS::Serverless::StateMachine
          Properties:
            DefinitionUri: sm/machine.asl.json
            DefinitionSubstitutions:
              FirstArn: !GetAtt FromGlobals.Arn
              SecondArn: !GetAtt Literal.Arn
              TableName: !If [Prod, prod-table, !Ref Stage]
      """;

  private SamProject writeConcurrency(Map<String, String> overrides) throws IOException {
    write(CONCURRENCY_TEMPLATE, DEFINITION);
    return SamProject.read(root, overrides);
  }

  @Test
  void reservedConcurrency_atTheParameterDefault_isLeftOut_andALiteralIsKept() throws IOException {
    Map<String, LambdaFunction> functions = writeConcurrency(Map.of()).functions();

    assertNull(functions.get("FromGlobals").reservedConcurrency());
    assertEquals(3, functions.get("Literal").reservedConcurrency());
    assertNull(functions.get("NoValueHere").reservedConcurrency());
    assertEquals(Duration.ofSeconds(20), functions.get("FromGlobals").timeout());
    assertEquals(256, functions.get("Combined").memorySizeMb());
  }

  @Test
  void reservedConcurrency_withAParameterOverride_comesFromTheGlobals_unlessTheFunctionSetsItsOwn() throws IOException {
    Map<String, LambdaFunction> functions = writeConcurrency(Map.of("FunctionConcurrency", "5")).functions();

    assertEquals(5, functions.get("FromGlobals").reservedConcurrency());
    assertEquals(5, functions.get("Combined").reservedConcurrency());
    assertEquals(3, functions.get("Literal").reservedConcurrency());
    // The function's own value replaces the Globals' before it is resolved: NoValue leaves it out.
    assertNull(functions.get("NoValueHere").reservedConcurrency());
  }

  @Test
  void conditions_combineEqualsNotAndOrAndCondition() throws IOException {
    assertEquals(1024, writeConcurrency(Map.of("FunctionConcurrency", "5")).functions().get("Combined").memorySizeMb());
    assertEquals(1024, writeConcurrency(Map.of("Stage", "prod")).functions().get("Combined").memorySizeMb());
    SamProject both = writeConcurrency(Map.of("Stage", "prod", "FunctionConcurrency", "2"));

    assertEquals(2048, both.functions().get("Combined").memorySizeMb());
    assertEquals(Duration.ofSeconds(60), both.functions().get("FromGlobals").timeout());
  }

  @Test
  void parameterOverrides_replaceTheDefaultsInSubstitutionsToo() throws IOException {
    JsonNode dev = writeConcurrency(Map.of()).stateMachine().definition();
    JsonNode prod = writeConcurrency(Map.of("Stage", "prod")).stateMachine().definition();

    assertEquals("dev", dev.path("States").path("A").path("Arguments").path("Payload").path("table").asText());
    assertEquals("prod-table", prod.path("States").path("A").path("Arguments").path("Payload").path("table").asText());
  }

  @Test
  void builderFromProject_passesTheParameterOverridesThrough() throws IOException {
    writeConcurrency(Map.of());

    LocalStateMachine machine = LocalStateMachine.builderFromProject(root, Map.of("FunctionConcurrency", "7"))
        .invoker((function, payload) -> payload).build();
    LocalStateMachine byId = LocalStateMachine.builderFromProject(root, "Machine", Map.of("FunctionConcurrency", "4"))
        .invoker((function, payload) -> payload).build();
    LocalStateMachine atDefaults = LocalStateMachine.builderFromProject(root)
        .invoker((function, payload) -> payload).build();

    assertEquals(7, machine.functions().get("FromGlobals").reservedConcurrency());
    assertEquals(4, byId.functions().get("FromGlobals").reservedConcurrency());
    assertNull(atDefaults.functions().get("FromGlobals").reservedConcurrency());
  }

  @Test
  void parameterOverrides_thatCloudFormationWouldRefuse_areRefused() throws IOException {
    DefinitionException unknown = assertThrows(DefinitionException.class,
        () -> writeConcurrency(Map.of("FunctionConcurency", "5")));
    DefinitionException notANumber = assertThrows(DefinitionException.class,
        () -> writeConcurrency(Map.of("FunctionConcurrency", "five")));
    DefinitionException notAllowed = assertThrows(DefinitionException.class,
        () -> writeConcurrency(Map.of("Stage", "qa")));

    assertTrue(unknown.getMessage().contains("FunctionConcurency=5: the template declares no such parameter"),
        unknown.getMessage());
    assertTrue(notANumber.getMessage().contains("Type is Number"), notANumber.getMessage());
    assertTrue(notAllowed.getMessage().contains("AllowedValues"), notAllowed.getMessage());
  }

  @Test
  void reservedConcurrency_thatIsNotANonNegativeInteger_isRefused() throws IOException {
    DefinitionException refused = assertThrows(DefinitionException.class,
        () -> write(CONCURRENCY_TEMPLATE.replace("ReservedConcurrentExecutions: 3", "ReservedConcurrentExecutions: -1"),
            DEFINITION));

    assertTrue(refused.getMessage().contains("Literal.ReservedConcurrentExecutions: -1 is not a non-negative integer"),
        refused.getMessage());
  }

  @Test
  void conditionsTheExecutorCannotResolve_areRefusedWithWhereTheyAre() throws IOException {
    UnsupportedFeatureException pseudoParameter = assertThrows(UnsupportedFeatureException.class, () -> write(
        CONCURRENCY_TEMPLATE.replace("Prod: !Equals [!Ref Stage, prod]", "Prod: !Equals [!Ref AWS::Region, us-east-1]"),
        DEFINITION));
    UnsupportedFeatureException otherIntrinsic = assertThrows(UnsupportedFeatureException.class, () -> write(
        CONCURRENCY_TEMPLATE.replace("ReservedConcurrentExecutions: 3", "ReservedConcurrentExecutions: !Sub '3'"),
        DEFINITION));
    UnsupportedFeatureException noDefault = assertThrows(UnsupportedFeatureException.class, () -> write(
        CONCURRENCY_TEMPLATE.replace("Type: Number\n    Default: 0", "Type: Number"), DEFINITION));

    assertTrue(pseudoParameter.getMessage().contains("Conditions.Prod.Fn::Equals[0]"), pseudoParameter.getMessage());
    assertTrue(pseudoParameter.getMessage().contains("AWS::Region"), pseudoParameter.getMessage());
    assertTrue(otherIntrinsic.getMessage().contains("Literal.ReservedConcurrentExecutions"), otherIntrinsic.getMessage());
    assertTrue(noDefault.getMessage().contains("!Ref FunctionConcurrency: the parameter has no Default"),
        noDefault.getMessage());
  }

  @Test
  void undefinedOrCircularConditions_areRefused() throws IOException {
    DefinitionException undefined = assertThrows(DefinitionException.class, () -> write(
        CONCURRENCY_TEMPLATE.replace("!If [Prod, 60, 20]", "!If [Staging, 60, 20]"), DEFINITION));
    DefinitionException circular = assertThrows(DefinitionException.class, () -> write(
        CONCURRENCY_TEMPLATE.replace("Prod: !Equals [!Ref Stage, prod]", "Prod: !Not [!Condition LimitedProd]"),
        DEFINITION));

    assertTrue(undefined.getMessage().contains("the condition Staging is not defined in Conditions"),
        undefined.getMessage());
    assertTrue(circular.getMessage().contains("refer to each other in a circle"), circular.getMessage());
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
