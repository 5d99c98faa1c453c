package com.youtubechat.local.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.emulators.CohereEmulator;
import com.youtubechat.emulators.FakeVideo;
import com.youtubechat.emulators.PusherEmulator;
import com.youtubechat.emulators.SsmEmulator;
import com.youtubechat.emulators.YoutubeEmulator;
import com.youtubechat.local.Execution;
import com.youtubechat.local.HandlerTaskInvoker;
import com.youtubechat.local.LambdaFunction;
import com.youtubechat.local.LocalStateMachine;
import com.youtubechat.local.Sleeper;
import com.youtubechat.local.TaskInvoker;
import com.youtubechat.local.sam.SamProject;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.youtubechat.shared.config.SecretVariables;
import com.youtubechat.shared.json.Json;
import com.youtubechat.shared.testing.TestDatabase;
import com.youtubechat.shared.xata.XataConnection;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The whole pipeline on one machine: the project's state machine run by the local executor, the
 * real handlers, the YouTube, Cohere and Pusher emulators, and the test PostgreSQL. Retry delays are
 * recorded, not slept, so a run takes seconds; client timeouts are 1 s so a timeout fault is quick.
 */
final class Pipeline implements AutoCloseable {

  static final String VIDEO = "rec_cu5q2pd0h8v1k9e7g3ma"; // the id in events/eventbridge-insert.json
  static final String YOUTUBE_ID = "dQw4w9WgXcQ";
  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

  final YoutubeEmulator youtube = new YoutubeEmulator();
  final CohereEmulator cohere = new CohereEmulator();
  final PusherEmulator pusher = new PusherEmulator();
  final XataConnection database = TestDatabase.fresh();
  final List<Duration> sleeps = new ArrayList<>();
  /** Runs before each function invocation with the function's logical id (fault hooks). */
  Consumer<String> beforeInvoke = name -> { };
  /** Runs at each retry wait the state machine would sleep, with its delay (fault hooks: free a resource). */
  Consumer<Duration> onSleep = delay -> { };
  /** The functions' XATA_DB_URL (a test may point them at a role with a connection limit). */
  String databaseUrl = TestDatabase.url();
  /** When set, the secrets are SSM parameters the functions read from it, as when deployed with SnapStart. */
  SsmEmulator ssm;
  /** Added to every function's environment (e.g. YOUTUBE_PROXY_URL). */
  final Map<String, String> extraEnvironment = new HashMap<>();
  /** The Lambda containers of the last {@link #machine()}, for their counters. */
  HandlerTaskInvoker lastHandlers;

  Pipeline() {
    youtube.add(new FakeVideo(YOUTUBE_ID).track("en", false, longTrack()));
    TestDatabase.insertVideo(database, VIDEO, YOUTUBE_ID, "https://www.youtube.com/watch?v=" + YOUTUBE_ID);
  }

  /** 200 caption lines: several chunks, so embeddings have more than one row to duplicate or lose. */
  static String longTrack() {
    StringBuilder xml = new StringBuilder("<?xml version=\"1.0\" encoding=\"utf-8\" ?><transcript>");
    for (int i = 0; i < 200; i++) {
      xml.append("<text start=\"").append(i * 3.0).append("\" dur=\"2.9\">Line ").append(i)
          .append(" of the talk explains one more idea about the topic.</text>");
    }
    return xml.append("</transcript>").toString();
  }

  /** Each function's environment: Info reads metadata from the Data API, Transcript from the watch page. */
  Map<String, Map<String, String>> environments() {
    Map<String, String> common = new HashMap<>();
    common.put("XATA_DB_URL", databaseUrl);
    common.putAll(youtube.environment());
    common.putAll(cohere.environment());
    common.putAll(pusher.environment());
    common.put("YOUTUBE_TIMEOUT_SECONDS", "1");
    common.put("COHERE_TIMEOUT_SECONDS", "1");
    common.put("COHERE_MAX_ATTEMPTS", "2");
    common.put("PUSHER_TIMEOUT_SECONDS", "1");
    common.putAll(extraEnvironment);
    Map<String, String> info = new HashMap<>(common);
    info.put("GOOGLE_API_KEY", YoutubeEmulator.DATA_API_KEY);
    Map<String, Map<String, String>> byFunction = Map.of("InfoFunction", info, "TranscriptFunction", common,
        "EmbeddingFunction", common, "ChatReadyFunction", common, "FailureFunction", common,
        "ExecutionEndedFunction", common);
    if (ssm == null) {
      return byFunction;
    }
    Map<String, Map<String, String>> named = new HashMap<>();
    Map<String, LambdaFunction> functions = SamProject.read(ROOT).functions();
    byFunction.forEach((function, env) -> named.put(function,
        secretsAsParameters(env, functions.get(function).environmentVariables())));
    return named;
  }

  /**
   * Moves each secret value the template gives the function (as X_PARAMETER) into the SSM emulator
   * and leaves its parameter name in its place; the function gets no other secret, as when deployed.
   */
  private Map<String, String> secretsAsParameters(Map<String, String> env, java.util.Collection<String> declared) {
    Map<String, String> named = new HashMap<>(env);
    for (String variable : SecretVariables.NAMES) {
      String value = named.remove(variable);
      if (value != null && declared.contains(variable + SecretVariables.PARAMETER_SUFFIX)) {
        String parameter = "/youtube-chat-test/" + variable.toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        ssm.put(parameter, value);
        named.put(variable + SecretVariables.PARAMETER_SUFFIX, parameter);
      }
    }
    named.putAll(ssm.containerEnvironment());
    return named;
  }

  /** A state machine with its own handler instances: a separate set of Lambda containers. */
  LocalStateMachine machine() {
    // The emulators' base URLs are not template variables: pass them through as well.
    HandlerTaskInvoker.Builder builder = HandlerTaskInvoker.builder().environments(environments())
        .passUndeclaredVariables();
    if (ssm != null) {
      builder.region(SsmEmulator.REGION);
    }
    HandlerTaskInvoker handlers = builder.build();
    lastHandlers = handlers;
    TaskInvoker hooked = new TaskInvoker() {
      @Override
      public void prepare(java.util.Collection<LambdaFunction> functions) {
        handlers.prepare(functions);
      }

      @Override
      public JsonNode invoke(LambdaFunction function, JsonNode payload) throws Exception {
        beforeInvoke.accept(function.name());
        return handlers.invoke(function, payload);
      }
    };
    Sleeper recorded = delay -> {
      synchronized (sleeps) {
        sleeps.add(delay);
      }
      onSleep.accept(delay);
    };
    return LocalStateMachine.fromProject(ROOT, hooked, recorded);
  }

  static JsonNode sampleEvent() {
    try {
      return Json.MAPPER.readTree(Files.readString(ROOT.resolve("events/eventbridge-insert.json")));
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  Execution run() {
    return machine().start(sampleEvent());
  }

  /**
   * Runs the template's safety net (ExecutionEndedFunction) on what EventBridge and SQS would hand
   * it for {@code execution}: a "Step Functions Execution Status Change" event in an SQS batch.
   * Returns the function's output (the messages to try again).
   */
  JsonNode deliverStatusChange(Execution execution) throws Exception {
    ObjectNode detail = Json.MAPPER.createObjectNode().put("executionArn", execution.executionArn())
        .put("name", execution.name()).put("status", execution.status().name())
        .put("input", Json.MAPPER.writeValueAsString(execution.input()))
        .put("error", execution.error()).put("cause", execution.cause());
    ObjectNode event = Json.MAPPER.createObjectNode().put("source", "aws.states")
        .put("detail-type", "Step Functions Execution Status Change");
    event.set("detail", detail);
    ObjectNode batch = Json.MAPPER.createObjectNode();
    batch.putArray("Records").addObject().put("messageId", "m-" + execution.name())
        .put("body", Json.MAPPER.writeValueAsString(event));
    LambdaFunction safetyNet = SamProject.read(ROOT).functions().get("ExecutionEndedFunction");
    return HandlerTaskInvoker.builder().environments(environments()).passUndeclaredVariables().build()
        .invoke(safetyNet, batch);
  }

  Map<String, Object> row() {
    return TestDatabase.video(database, VIDEO).orElseThrow();
  }

  /** The embeddings rows, one string per row (id, index, text, start, end), in chunk order. */
  List<String> embeddings() {
    return database.run("reading embeddings", connection -> {
      List<String> rows = new ArrayList<>();
      try (ResultSet rs = connection.createStatement().executeQuery("SELECT id, chunk_index, text, start_seconds,"
          + " end_seconds, md5(embedding::text) FROM embeddings ORDER BY video_id, chunk_index")) {
        while (rs.next()) {
          rows.add(rs.getString(1) + "|" + rs.getInt(2) + "|" + rs.getString(3) + "|" + rs.getDouble(4) + "|"
              + rs.getDouble(5) + "|" + rs.getString(6));
        }
      }
      return rows;
    });
  }

  int chunkCount() {
    try {
      return Json.MAPPER.readTree(String.valueOf(row().get("transcript"))).path("chunks").size();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  List<JsonNode> pusherData() {
    return pusher.events().stream().map(PusherEmulator.Event::data).toList();
  }

  @Override
  public void close() {
    youtube.close();
    cohere.close();
    pusher.close();
    database.close();
    if (ssm != null) {
      ssm.close();
    }
  }
}
