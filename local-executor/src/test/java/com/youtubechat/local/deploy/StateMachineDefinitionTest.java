package com.youtubechat.local.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.local.sam.CloudFormationYaml;
import com.youtubechat.shared.error.CapacityException;
import com.youtubechat.shared.error.CohereRateLimitedException;
import com.youtubechat.shared.error.DatabaseBusyException;
import com.youtubechat.shared.error.DatabaseUnavailableException;
import com.youtubechat.shared.error.PermanentException;
import com.youtubechat.shared.error.PoTokenRequiredException;
import com.youtubechat.shared.error.TransientException;
import com.youtubechat.shared.error.YoutubeBotCheckException;
import com.youtubechat.shared.error.YoutubeChatException;
import com.youtubechat.shared.error.YoutubeThrottledException;
import com.youtubechat.shared.json.Json;
import com.youtubechat.chatready.ChatReadyRequest;
import com.youtubechat.embedding.EmbeddingResult;
import com.youtubechat.shared.model.VideoRecord;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Checks that statemachine/youtube-chat.asl.json, template.yaml, the Makefile and the sample events
 * agree with each other and with the Java error types, so a broken wiring fails the build instead
 * of a deployed execution. Files are read from the project root (the parent of this module).
 */
class StateMachineDefinitionTest {

  private static final String ASL = "statemachine/youtube-chat.asl.json";
  private static final String STATE_MACHINE = "YoutubeChatStateMachine";
  private static final String INSERT_RULE = "YoutubeChatRule";
  private static final String SAFETY_NET_RULE = "ExecutionEndedRule";
  private static final String THROTTLED = "Lambda.TooManyRequestsException";
  /** How long a burst may last: the capacity retries must be willing to wait at least this long. */
  private static final long BURST_SECONDS = 30 * 60;
  /** How long YouTube's "try again later" throttle may last. */
  private static final long YOUTUBE_THROTTLE_SECONDS = 60 * 60;
  private static final String LAMBDA_INVOKE = "arn:aws:states:::lambda:invoke";
  private static final Set<String> LAMBDA_SERVICE_ERRORS = Set.of(
      "Lambda.ServiceException",
      "Lambda.AWSLambdaException",
      "Lambda.SdkClientException",
      "Lambda.TooManyRequestsException",
      "Lambda.ClientExecutionTimeoutException");
  /** Error names that AWS defines; every other name must be one of the project's exceptions. */
  private static final List<String> AWS_ERROR_PREFIXES = List.of("States.", "Lambda.", "Sandbox.");
  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([^}]*)}");
  private static final Pattern MAKEFILE_MODULE =
      Pattern.compile("^MODULE_(\\w+)\\s*:?=\\s*(\\S+)\\s*$", Pattern.MULTILINE);

  private static Path root;
  private static String aslText;
  private static JsonNode asl;
  private static JsonNode template;
  private static Map<String, JsonNode> tasks;

  @BeforeAll
  static void readFiles() throws IOException {
    root = projectRoot();
    aslText = Files.readString(root.resolve(ASL));
    asl = Json.MAPPER.readTree(aslText);
    template = CloudFormationYaml.read(root.resolve("template.yaml"));
    tasks = new LinkedHashMap<>();
    collectTasks(asl.path("States"), tasks);
  }

  // --- the ASL and its substitutions -----------------------------------------------------------

  @Test
  void stateMachine_usesTheAslFileAndJsonata() {
    JsonNode properties = stateMachine().path("Properties");
    assertEquals("AWS::Serverless::StateMachine", stateMachine().path("Type").asText());
    assertEquals(ASL, properties.path("DefinitionUri").asText());
    assertEquals("STANDARD", properties.path("Type").asText());
    assertEquals("JSONata", asl.path("QueryLanguage").asText());
    assertFalse(tasks.isEmpty(), "the state machine has no Task state");
  }

  @Test
  void everyPlaceholder_hasASubstitution() {
    Set<String> missing = new TreeSet<>(placeholders());
    missing.removeAll(substitutions().keySet());
    assertTrue(missing.isEmpty(), "placeholders in " + ASL + " without a DefinitionSubstitutions entry: " + missing);
  }

  @Test
  void everySubstitution_isUsedByAPlaceholder() {
    Set<String> unused = new TreeSet<>(substitutions().keySet());
    unused.removeAll(placeholders());
    assertTrue(unused.isEmpty(), "DefinitionSubstitutions entries that " + ASL + " never uses: " + unused);
  }

  // --- retries -------------------------------------------------------------------------------

  @Test
  void everyTask_retriesTheLambdaServiceErrors() {
    tasks.forEach((name, task) -> {
      Set<String> retried = new LinkedHashSet<>();
      for (JsonNode retrier : task.path("Retry")) {
        if (retrier.path("MaxAttempts").asInt(3) > 0) {
          errorNames(retrier).forEach(retried::add);
        }
      }
      Set<String> missing = new TreeSet<>(LAMBDA_SERVICE_ERRORS);
      missing.removeAll(retried);
      assertTrue(missing.isEmpty(), "Task " + name + " does not retry " + missing);
    });
  }

  @Test
  void everyTask_retriesTransientExceptionWithBackoff() {
    tasks.forEach((name, task) -> {
      JsonNode retrier = retrierFor(task, TransientException.class.getName());
      if (retrier == null) {
        fail("Task " + name + " has no Retry for " + TransientException.class.getName());
      }
      assertTrue(retrier.path("MaxAttempts").asInt(3) > 0, "Task " + name + ": MaxAttempts is 0");
      assertTrue(retrier.path("BackoffRate").asDouble(2.0) > 1.0, "Task " + name + ": no exponential backoff");
      assertEquals("FULL", retrier.path("JitterStrategy").asText(), "Task " + name + ": no jitter");
    });
  }

  @Test
  void capacityErrors_areRetriedPatientlyWithJitter_nowhereQuickly() {
    Map<String, List<String>> expected = Map.of(
        "Info", List.of(THROTTLED, DatabaseBusyException.class.getName(), DatabaseUnavailableException.class.getName()),
        "NotifyInfo", List.of(THROTTLED, DatabaseBusyException.class.getName(), DatabaseUnavailableException.class.getName()),
        "Transcript", List.of(THROTTLED, DatabaseBusyException.class.getName(), DatabaseUnavailableException.class.getName()),
        "Embedding", List.of(THROTTLED, DatabaseBusyException.class.getName(), DatabaseUnavailableException.class.getName(),
            CohereRateLimitedException.class.getName()),
        "ChatReady", List.of(THROTTLED, DatabaseBusyException.class.getName(), DatabaseUnavailableException.class.getName()),
        "RecordFailure", List.of(THROTTLED, DatabaseBusyException.class.getName(), DatabaseUnavailableException.class.getName()));
    assertEquals(new TreeSet<>(expected.keySet()), new TreeSet<>(tasks.keySet()), "every task is listed here");
    expected.forEach((name, errors) -> {
      for (String error : errors) {
        JsonNode retrier = retrierFor(tasks.get(name), error);
        assertTrue(retrier != null, "Task " + name + " does not retry " + error);
        assertEquals("FULL", retrier.path("JitterStrategy").asText(), name + ": " + error + " without jitter");
        long worstCase = maxTotalWaitSeconds(retrier);
        assertTrue(worstCase / 2 >= BURST_SECONDS, name + " waits out " + error + " for at most " + worstCase
            + " s, about " + worstCase / 2 + " s on average: shorter than a burst");
      }
    });
    assertTrue(maxTotalWaitSeconds(retrierFor(tasks.get("RecordFailure"), DatabaseBusyException.class.getName()))
        > maxTotalWaitSeconds(retrierFor(tasks.get("Info"), DatabaseBusyException.class.getName())),
        "the recorder outwaits the work it records");
  }

  /**
   * The YouTube errors of the two steps that call YouTube, by their Java types: a throttle (up to an
   * hour) is outwaited on average, a short blip retried briefly, and a bot check without a proxy (the
   * same IP gets the same answer) or a PO-token demand never.
   */
  @Test
  void youtubeErrors_areRetriedAsTheirJavaTypesSay() {
    for (String name : List.of("Info", "Transcript")) {
      JsonNode task = tasks.get(name);
      JsonNode throttled = retrierFor(task, YoutubeThrottledException.class.getName());
      assertTrue(throttled != null, name + " does not retry " + YoutubeThrottledException.class.getName());
      assertTrue(new YoutubeThrottledException("x").retryable() && CapacityException.class.isAssignableFrom(
          YoutubeThrottledException.class));
      assertEquals("FULL", throttled.path("JitterStrategy").asText(), name);
      long worstCase = maxTotalWaitSeconds(throttled);
      assertTrue(worstCase / 2 >= YOUTUBE_THROTTLE_SECONDS, name + " waits out a YouTube throttle for "
          + worstCase / 2 + " s on average, less than the hour it lasts");
      assertTrue(throttled.path("MaxAttempts").asInt(3) <= 15, name + ": each attempt is a YouTube call");
      assertTrue(retrierFor(task, TransientException.class.getName()) != null, name);
      for (Class<?> never : List.of(YoutubeBotCheckException.class, PoTokenRequiredException.class)) {
        assertTrue(PermanentException.class.isAssignableFrom(never), never.getName());
        assertEquals(null, retrierFor(task, never.getName()), name + " retries " + never.getName());
      }
    }
  }

  @Test
  void everyCapacityException_isNamedInTheAsl() {
    for (Class<?> type : CapacityException.class.getPermittedSubclasses()) {
      assertTrue(aslText.contains("\"" + type.getName() + "\""), type.getName() + " is retried by no task");
    }
  }

  /** The longest a retrier waits in all: the sum of its capped delay ceilings (full jitter waits less). */
  private static long maxTotalWaitSeconds(JsonNode retrier) {
    double interval = retrier.path("IntervalSeconds").asDouble(1);
    double rate = retrier.path("BackoffRate").asDouble(2);
    double cap = retrier.path("MaxDelaySeconds").asDouble(Double.MAX_VALUE);
    long total = 0;
    for (int attempt = 0; attempt < retrier.path("MaxAttempts").asInt(3); attempt++) {
      total += (long) Math.min(cap, interval * Math.pow(rate, attempt));
    }
    return total;
  }

  @Test
  void retries_neverRepeatPermanentFailures() {
    for (Map.Entry<String, JsonNode> task : tasks.entrySet()) {
      for (JsonNode retrier : task.getValue().path("Retry")) {
        for (String error : errorNames(retrier)) {
          assertFalse(error.equals("States.ALL") || error.equals("States.TaskFailed"),
              "Task " + task.getKey() + " retries " + error + ", which includes every PermanentException");
          // Unknown class names are reported by everyCustomErrorName_isAYoutubeChatException.
          if (!isAwsError(error) && PermanentException.class.isAssignableFrom(classOrVoid(error))) {
            fail("Task " + task.getKey() + " retries " + error + ", a PermanentException");
          }
        }
      }
    }
  }

  @Test
  void everyCustomErrorName_isAYoutubeChatException() {
    List<String> problems = new ArrayList<>();
    forEachState(asl.path("States"), (name, state) -> {
      for (String field : List.of("Retry", "Catch")) {
        for (JsonNode rule : state.path(field)) {
          for (String error : errorNames(rule)) {
            if (isAwsError(error)) {
              continue;
            }
            try {
              if (!YoutubeChatException.class.isAssignableFrom(Class.forName(error))) {
                problems.add(name + "." + field + ": " + error + " is not a YoutubeChatException");
              }
            } catch (ClassNotFoundException e) {
              problems.add(name + "." + field + ": no class " + error);
            }
          }
        }
      }
    });
    assertTrue(problems.isEmpty(), String.join("\n", problems));
  }

  // --- the functions the tasks invoke -----------------------------------------------------------

  @Test
  void everyTask_invokesTheAliasOfAFunctionInTheTemplate() {
    tasks.forEach((name, task) -> {
      assertEquals(LAMBDA_INVOKE, task.path("Resource").asText(), "Task " + name + " is not a Lambda invoke");
      String function = invokedFunction(name, task);
      JsonNode resource = template.path("Resources").path(function);
      assertEquals("AWS::Serverless::Function", resource.path("Type").asText(),
          "Task " + name + " invokes " + function + ", which is not a function of template.yaml");
      assertFalse(resource.path("Properties").path("Handler").asText().isBlank(), function + " has no Handler");
    });
  }

  @Test
  void stateMachine_mayInvokeExactlyTheAliasesItInvokes_nothingWider() {
    Set<String> allowed = new TreeSet<>();
    for (JsonNode policy : stateMachine().path("Properties").path("Policies")) {
      assertTrue(policy.path("LambdaInvokePolicy").isMissingNode(),
          "SAM's LambdaInvokePolicy allows function:NAME* (every version and alias): " + policy);
      for (JsonNode statement : policy.path("Statement")) {
        if (!textOrTexts(statement.path("Action")).contains("lambda:InvokeFunction")) {
          continue;
        }
        assertEquals(List.of("lambda:InvokeFunction"), textOrTexts(statement.path("Action")));
        for (JsonNode resource : statement.path("Resource")) {
          String ref = resource.path("Ref").asText();
          assertTrue(ref.endsWith(".Alias"), "only aliases may be invoked, not " + resource);
          allowed.add(ref.substring(0, ref.length() - ".Alias".length()));
        }
      }
    }
    Set<String> invoked = tasks.entrySet().stream()
        .map(task -> invokedFunction(task.getKey(), task.getValue()))
        .collect(Collectors.toCollection(TreeSet::new));
    assertEquals(invoked, allowed, "the state machine may invoke exactly the aliases its tasks invoke");
  }

  @Test
  void everyFunction_isBuiltByTheMakefileFromTheModuleHoldingItsHandler() throws IOException {
    Map<String, String> modules = new HashMap<>();
    Matcher matcher = MAKEFILE_MODULE.matcher(Files.readString(root.resolve("Makefile")));
    while (matcher.find()) {
      modules.put(matcher.group(1), matcher.group(2));
    }
    Map<String, JsonNode> functions = resourcesOfType("AWS::Serverless::Function");
    assertFalse(functions.isEmpty(), "template.yaml has no function");
    functions.forEach((name, function) -> {
      assertEquals("makefile", function.path("Metadata").path("BuildMethod").asText(),
          name + " is not built by the Makefile");
      String module = modules.get(name);
      assertTrue(module != null, "the Makefile has no MODULE_" + name + " line");
      String handlerClass = function.path("Properties").path("Handler").asText().split("::")[0];
      Path source = root.resolve(module).resolve("src/main/java")
          .resolve(handlerClass.replace('.', '/') + ".java");
      assertTrue(Files.isRegularFile(source), name + "'s handler " + handlerClass + " is not in " + module);
    });
  }

  // --- how executions start ---------------------------------------------------------------------

  @Test
  void eventRule_startsTheStateMachineForInsertedVideos() {
    JsonNode rule = insertRule().path("Properties");
    assertEquals(List.of("custom.youtubeChat"), texts(rule.path("EventPattern").path("source")));
    assertEquals(List.of("insert"), texts(rule.path("EventPattern").path("detail-type")));
    assertEquals("default", rule.path("EventBusName").asText("default"));
    List<JsonNode> targets = StreamSupport.stream(rule.path("Targets").spliterator(), false).toList();
    assertEquals(1, targets.size(), "expected one target");
    assertEquals(STATE_MACHINE, targets.get(0).path("Arn").path("Ref").asText());
    assertTrue(targets.get(0).has("RoleArn"), "the target needs a role to start executions");
  }

  @Test
  void undeliverableEvents_goToADeadLetterQueueThatOnlyTheRuleMayWrite() {
    Map.Entry<String, JsonNode> rule = Map.entry(INSERT_RULE, insertRule());
    JsonNode dlqArn = rule.getValue().path("Properties").path("Targets").path(0).path("DeadLetterConfig").path("Arn");
    String queue = dlqArn.path("Fn::GetAtt").path(0).asText();
    assertEquals("AWS::SQS::Queue", template.path("Resources").path(queue).path("Type").asText(),
        "the rule's target needs a DeadLetterConfig naming a queue of the template: " + dlqArn);
    JsonNode policy = resourcesOfType("AWS::SQS::QueuePolicy").values().stream()
        .filter(p -> p.path("Properties").path("Queues").path(0).path("Ref").asText().equals(queue))
        .findFirst().orElseThrow(() -> new AssertionError("no queue policy lets EventBridge write to " + queue));
    JsonNode statement = policy.path("Properties").path("PolicyDocument").path("Statement").path(0);
    assertEquals("events.amazonaws.com", statement.path("Principal").path("Service").asText());
    assertEquals(List.of("sqs:SendMessage"), textOrTexts(statement.path("Action")));
    List<String> senders = new ArrayList<>();
    JsonNode sourceArn = statement.path("Condition").path("ArnEquals").path("aws:SourceArn");
    (sourceArn.isArray() ? sourceArn : Json.MAPPER.createArrayNode().add(sourceArn))
        .forEach(arn -> senders.add(arn.path("Fn::GetAtt").path(0).asText()));
    assertEquals(new TreeSet<>(List.of(rule.getKey(), SAFETY_NET_RULE)), new TreeSet<>(senders),
        "only the template's two rules may send to the queue");
  }

  // --- the safety net, alarms and logs -----------------------------------------------------------

  @Test
  void everyExecutionThatEndsWithoutSucceeding_reachesTheSafetyNetFunctionThroughAPatientQueue() {
    JsonNode rule = template.path("Resources").path(SAFETY_NET_RULE).path("Properties");
    JsonNode pattern = rule.path("EventPattern");
    assertEquals(List.of("aws.states"), texts(pattern.path("source")));
    assertEquals(List.of("Step Functions Execution Status Change"), texts(pattern.path("detail-type")));
    assertEquals(new TreeSet<>(List.of("FAILED", "TIMED_OUT", "ABORTED")), new TreeSet<>(texts(pattern.path("detail").path("status"))));
    assertEquals(STATE_MACHINE, pattern.path("detail").path("stateMachineArn").path(0).path("Ref").asText());
    String queue = rule.path("Targets").path(0).path("Arn").path("Fn::GetAtt").path(0).asText();
    JsonNode queueProperties = template.path("Resources").path(queue).path("Properties");
    assertTrue(rule.path("Targets").path(0).has("DeadLetterConfig"), "an event the rule cannot deliver is kept");
    assertTrue(queueProperties.path("RedrivePolicy").path("maxReceiveCount").asInt()
        * queueProperties.path("VisibilityTimeout").asInt() >= 3600, "the safety net retries for an hour at least");

    JsonNode function = template.path("Resources").path("ExecutionEndedFunction").path("Properties");
    JsonNode sqs = function.path("Events").path("ExecutionEnded");
    assertEquals("SQS", sqs.path("Type").asText());
    assertEquals(queue, sqs.path("Properties").path("Queue").path("Fn::GetAtt").path(0).asText());
    assertEquals(List.of("ReportBatchItemFailures"), texts(sqs.path("Properties").path("FunctionResponseTypes")));
    assertTrue(sqs.path("Properties").path("ScalingConfig").path("MaximumConcurrency").asInt() >= 2,
        "capacity of its own, without reserved concurrency");
    assertTrue(queueProperties.path("VisibilityTimeout").asInt() >= 6 * function.path("Timeout").asInt(),
        "Lambda advises a visibility timeout of 6 x the function's timeout");
  }

  @Test
  void reservedConcurrency_isOptInAndOffByDefault() {
    JsonNode parameter = template.path("Parameters").path("FunctionConcurrency");
    assertEquals("0", parameter.path("Default").asText(), "a new account (concurrency 10) cannot reserve any");
    resourcesOfType("AWS::Serverless::Function").forEach((name, function) -> {
      JsonNode reserved = function.path("Properties").path("ReservedConcurrentExecutions");
      if (!reserved.isMissingNode()) {
        assertEquals("LimitFunctionConcurrency", reserved.path("Fn::If").path(0).asText(), name);
        assertEquals("AWS::NoValue", reserved.path("Fn::If").path(2).path("Ref").asText(), name);
      }
    });
  }

  @Test
  void everyFunction_logsToARetainedGroupWithTheConfiguredRetention() {
    resourcesOfType("AWS::Serverless::Function").forEach((name, function) -> {
      String group = function.path("Properties").path("LoggingConfig").path("LogGroup").path("Ref").asText();
      JsonNode resource = template.path("Resources").path(group);
      assertEquals("AWS::Logs::LogGroup", resource.path("Type").asText(), name + " has no log group of the template");
      assertEquals("LogRetentionDays", resource.path("Properties").path("RetentionInDays").path("Ref").asText(), group);
      assertEquals("Retain", resource.path("DeletionPolicy").asText(), group + " is deleted with the stack");
    });
    assertEquals("30", template.path("Parameters").path("LogRetentionDays").path("Default").asText());
    assertEquals("Retain", template.path("Resources").path("YoutubeChatEventDeadLetterQueue").path("DeletionPolicy").asText());
  }

  @Test
  void alarms_onEndedExecutionsAndTheDeadLetterQueue_goToTheTopic_emailOptional() {
    Map<String, JsonNode> alarms = resourcesOfType("AWS::CloudWatch::Alarm");
    String all = alarms.values().toString();
    for (String metric : List.of("ExecutionsFailed", "ExecutionsTimedOut", "ExecutionsAborted",
        "ApproximateNumberOfMessagesVisible")) {
      assertTrue(all.contains("\"" + metric + "\""), "no alarm on " + metric);
    }
    alarms.forEach((name, alarm) -> assertEquals("AlarmTopic",
        alarm.path("Properties").path("AlarmActions").path(0).path("Ref").asText(), name + " notifies nobody"));
    JsonNode subscription = template.path("Resources").path("AlarmEmailSubscription");
    assertEquals("HasAlarmEmail", subscription.path("Condition").asText(), "the e-mail is optional");
    assertEquals("", template.path("Parameters").path("AlarmEmail").path("Default").asText());
  }

  @Test
  void stateMachine_logsErrorsWithoutExecutionData() {
    JsonNode logging = stateMachine().path("Properties").path("Logging");
    assertEquals("ERROR", logging.path("Level").asText());
    assertFalse(logging.path("IncludeExecutionData").asBoolean(true), "inputs and outputs stay out of the logs");
    String group = logging.path("Destinations").path(0).path("CloudWatchLogsLogGroup").path("LogGroupArn")
        .path("Fn::GetAtt").path(0).asText();
    assertEquals("AWS::Logs::LogGroup", template.path("Resources").path(group).path("Type").asText());
    assertEquals("LogRetentionDays", template.path("Resources").path(group).path("Properties").path("RetentionInDays")
        .path("Ref").asText(), "a retention, so the logs do not grow for ever");
  }

  @Test
  void eventBridgeRole_mayOnlyStartTheStateMachine() {
    JsonNode roleArn = insertRule().path("Properties").path("Targets").path(0).path("RoleArn");
    String roleName = roleArn.path("Fn::GetAtt").path(0).asText();
    JsonNode role = template.path("Resources").path(roleName);
    assertEquals("AWS::IAM::Role", role.path("Type").asText(), "the target's RoleArn is not a role of the template");
    JsonNode trust = role.path("Properties").path("AssumeRolePolicyDocument").path("Statement");
    assertEquals(List.of("events.amazonaws.com"),
        StreamSupport.stream(trust.spliterator(), false).map(s -> s.path("Principal").path("Service").asText()).toList());
    String sourceArn = trust.path(0).path("Condition").path("ArnLike").path("aws:SourceArn").path("Fn::Sub").asText();
    assertTrue(sourceArn.endsWith(":rule/${AWS::StackName}-" + INSERT_RULE + "-*"),
        "only this stack's insert rule may assume the role: " + sourceArn);
    List<JsonNode> statements = new ArrayList<>();
    role.path("Properties").path("Policies")
        .forEach(policy -> policy.path("PolicyDocument").path("Statement").forEach(statements::add));
    assertEquals(1, statements.size(), "expected a single statement");
    JsonNode statement = statements.get(0);
    assertEquals("Allow", statement.path("Effect").asText());
    assertEquals(List.of("states:StartExecution"), textOrTexts(statement.path("Action")));
    assertEquals(STATE_MACHINE, statement.path("Resource").path("Ref").asText());
  }

  @Test
  void sampleEvent_matchesTheRuleAndCarriesTheInfoInput() throws IOException {
    JsonNode event = Json.MAPPER.readTree(root.resolve("events/eventbridge-insert.json").toFile());
    JsonNode pattern = insertRule()
        .path("Properties").path("EventPattern");
    assertTrue(texts(pattern.path("source")).contains(event.path("source").asText()));
    assertTrue(texts(pattern.path("detail-type")).contains(event.path("detail-type").asText()));
    JsonNode infoInput = Json.MAPPER.readTree(root.resolve("events/info-input.json").toFile());
    assertEquals(event.path("detail"), infoInput, "info-input.json should be the event's detail");
    VideoRecord record = Json.MAPPER.treeToValue(infoInput, VideoRecord.class);
    assertTrue(record.id().startsWith("rec_"));
    assertEquals("dQw4w9WgXcQ", record.youtubeId());
  }

  @Test
  void chatReadySample_isTheEmbeddingInputMergedWithAnEmbeddingResult() throws IOException {
    JsonNode embeddingInput = Json.MAPPER.readTree(root.resolve("events/embedding-input.json").toFile());
    JsonNode chatReadyInput = Json.MAPPER.readTree(root.resolve("events/chat-ready-input.json").toFile());
    EmbeddingResult result = Json.MAPPER.treeToValue(chatReadyInput, EmbeddingResult.class);
    com.fasterxml.jackson.databind.node.ObjectNode merged = embeddingInput.deepCopy();
    merged.setAll((com.fasterxml.jackson.databind.node.ObjectNode) Json.MAPPER.valueToTree(result));

    assertEquals(merged, chatReadyInput, "what the Embedding state outputs: $merge([input, result])");
    assertEquals(embeddingInput.path("videoId").asText(),
        Json.MAPPER.treeToValue(chatReadyInput, ChatReadyRequest.class).videoId());
  }

  @Test
  void localEnvFile_listsExactlyEachFunctionsVariables() throws IOException {
    JsonNode env = Json.MAPPER.readTree(root.resolve("events/env.json").toFile());
    Map<String, JsonNode> functions = resourcesOfType("AWS::Serverless::Function");
    assertEquals(new TreeSet<>(functions.keySet()), fieldNames(env));
    functions.forEach((name, function) -> assertEquals(
        fieldNames(function.path("Properties").path("Environment").path("Variables")),
        fieldNames(env.path(name)),
        "events/env.json must set exactly " + name + "'s variables (sam local ignores any other)"));
  }

  // --- helpers ------------------------------------------------------------------------------------

  private static JsonNode insertRule() {
    JsonNode rule = template.path("Resources").path(INSERT_RULE);
    assertEquals("AWS::Events::Rule", rule.path("Type").asText(), INSERT_RULE + " is not an EventBridge rule");
    return rule;
  }

  /** The module's parent when Maven runs the test (cwd = module), or the cwd itself from the root. */
  private static Path projectRoot() {
    Path cwd = Path.of("").toAbsolutePath();
    for (Path candidate : new Path[] {cwd, cwd.getParent()}) {
      if (candidate != null && Files.isRegularFile(candidate.resolve("template.yaml"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("template.yaml not found in " + cwd + " or its parent");
  }

  private static JsonNode stateMachine() {
    return template.path("Resources").path(STATE_MACHINE);
  }

  private static Map<String, JsonNode> substitutions() {
    Map<String, JsonNode> result = new LinkedHashMap<>();
    stateMachine().path("Properties").path("DefinitionSubstitutions").properties()
        .forEach(entry -> result.put(entry.getKey(), entry.getValue()));
    return result;
  }

  private static Set<String> placeholders() {
    Set<String> names = new TreeSet<>();
    Matcher matcher = PLACEHOLDER.matcher(aslText);
    while (matcher.find()) {
      names.add(matcher.group(1));
    }
    return names;
  }

  /** The logical id of the function a Lambda task invokes, through its FunctionName substitution. */
  private static String invokedFunction(String taskName, JsonNode task) {
    String functionName = task.path("Arguments").path("FunctionName").asText();
    Matcher matcher = PLACEHOLDER.matcher(functionName);
    assertTrue(matcher.matches(), "Task " + taskName + ": FunctionName should be a ${...} substitution");
    JsonNode value = substitutions().get(matcher.group(1));
    assertTrue(value != null, "Task " + taskName + ": no substitution " + matcher.group(1));
    String ref = value.path("Ref").asText();
    assertTrue(ref.endsWith(".Alias"),
        "Task " + taskName + ": " + matcher.group(1) + " should be !Ref <Function>.Alias (SnapStart needs the alias)");
    return ref.substring(0, ref.length() - ".Alias".length());
  }

  private static JsonNode retrierFor(JsonNode task, String error) {
    for (JsonNode retrier : task.path("Retry")) {
      if (errorNames(retrier).contains(error)) {
        return retrier;
      }
    }
    return null;
  }

  private static List<String> errorNames(JsonNode retrierOrCatcher) {
    return texts(retrierOrCatcher.path("ErrorEquals"));
  }

  private static Class<?> classOrVoid(String name) {
    try {
      return Class.forName(name);
    } catch (ClassNotFoundException e) {
      return Void.class;
    }
  }

  private static boolean isAwsError(String error) {
    return AWS_ERROR_PREFIXES.stream().anyMatch(error::startsWith);
  }

  private static Map<String, JsonNode> resourcesOfType(String type) {
    Map<String, JsonNode> result = new LinkedHashMap<>();
    template.path("Resources").properties().forEach(entry -> {
      if (type.equals(entry.getValue().path("Type").asText())) {
        result.put(entry.getKey(), entry.getValue());
      }
    });
    return result;
  }

  private interface StateVisitor {
    void visit(String name, JsonNode state);
  }

  /** Visits every state, including those nested in Parallel branches and Map processors. */
  private static void forEachState(JsonNode states, StateVisitor visitor) {
    states.properties().forEach(entry -> {
      JsonNode state = entry.getValue();
      visitor.visit(entry.getKey(), state);
      state.path("Branches").forEach(branch -> forEachState(branch.path("States"), visitor));
      forEachState(state.path("ItemProcessor").path("States"), visitor);
      forEachState(state.path("Iterator").path("States"), visitor);
    });
  }

  private static void collectTasks(JsonNode states, Map<String, JsonNode> into) {
    forEachState(states, (name, state) -> {
      if ("Task".equals(state.path("Type").asText())) {
        assertFalse(into.containsKey(name), "duplicate state name " + name);
        into.put(name, state);
      }
    });
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static List<String> textOrTexts(JsonNode node) {
    return node.isArray() ? texts(node) : List.of(node.asText());
  }

  private static Set<String> fieldNames(JsonNode object) {
    return object.properties().stream().map(Map.Entry::getKey).collect(Collectors.toCollection(TreeSet::new));
  }
}
