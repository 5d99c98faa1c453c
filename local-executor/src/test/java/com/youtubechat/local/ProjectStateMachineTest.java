package com.youtubechat.local;

import static com.youtubechat.local.Fakes.json;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.youtubechat.failure.FailureReport;
import com.youtubechat.local.Fakes.FakeInvoker;
import com.youtubechat.local.Fakes.RecordingSleeper;
import com.youtubechat.local.Fakes.ScriptedRandom;
import com.youtubechat.shared.error.NoTranscriptException;
import com.youtubechat.shared.error.TransientException;
import com.youtubechat.shared.error.VideoUnavailableException;
import com.youtubechat.shared.json.Json;
import java.io.IOException;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the project's real statemachine/youtube-chat.asl.json and template.yaml (the module's parent
 * directory) with fake functions returning canned payloads.
 */
class ProjectStateMachineTest {

  private static Path root;
  private static JsonNode event;
  private static String videoId;

  private final RecordingSleeper sleeper = new RecordingSleeper();

  @BeforeAll
  static void readEvent() throws IOException {
    root = ProjectRoot.find();
    event = Fakes.MAPPER.readTree(Files.readString(root.resolve("events/eventbridge-insert.json")));
    videoId = event.path("detail").path("id").asText();
  }

  private static JsonNode info() {
    return json("{\"videoId\": \"" + videoId + "\", \"youtubeId\": \"dQw4w9WgXcQ\","
        + " \"title\": \"Never Gonna Give You Up\", \"lengthSeconds\": 213,"
        + " \"details\": {\"id\": \"" + videoId + "\", \"title\": \"Never Gonna Give You Up\"}}");
  }

  private static JsonNode transcript() {
    return json("{\"videoId\": \"" + videoId + "\", \"youtubeId\": \"dQw4w9WgXcQ\", \"language\": \"en\", \"chunkCount\": 7}");
  }

  private static JsonNode embedding() {
    return json("{\"videoId\": \"" + videoId + "\", \"embeddingCount\": 7, \"cohereCalls\": 1, \"chatEnabled\": true}");
  }

  private static JsonNode chatReady() {
    return json("{\"videoId\": \"" + videoId + "\", \"chatEnabled\": true, \"status\": \"ready\"}");
  }

  /**
   * The failure recorder as FailureService answers: the payload is read as the handler's own input
   * type, and the execution then fails with the first failure's error.
   */
  private static JsonNode recordFailure(JsonNode payload) throws IOException {
    FailureReport report = Json.MAPPER.treeToValue(payload, FailureReport.class);
    List<FailureReport.StepFailure> failures = report.failures() == null ? List.of() : report.failures();
    ObjectNode summary = Fakes.MAPPER.createObjectNode();
    summary.put("videoId", report.videoId());
    summary.put("error", failures.isEmpty() ? "VideoProcessingFailed" : failures.get(0).error());
    summary.put("cause", failures.isEmpty() ? "no failure reported" : failures.get(0).step() + " failed");
    summary.put("recorded", true);
    return summary;
  }

  private LocalStateMachine machine(FakeInvoker invoker) {
    return LocalStateMachine.builderFromProject(root).invoker(invoker).sleeper(sleeper)
        .listener(ExecutionListener.none()).build();
  }

  @Test
  void realProject_matchingEvent_succeedsWithTheParallelOutput() {
    FakeInvoker invoker = new FakeInvoker()
        .on("InfoFunction", payload -> info())
        .on("TranscriptFunction", payload -> transcript())
        .on("EmbeddingFunction", payload -> embedding())
        .on("ChatReadyFunction", payload -> chatReady());

    Execution execution = machine(invoker).start(event);

    assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.error() + ": " + execution.cause());
    ObjectNode expectedTranscript = (ObjectNode) transcript();
    expectedTranscript.setAll((ObjectNode) embedding());
    ObjectNode expected = Fakes.MAPPER.createObjectNode();
    expected.put("videoId", videoId);
    expected.set("info", info());
    expected.set("transcript", expectedTranscript);
    assertEquals(expected, execution.output());
    assertEquals(List.of(event.path("detail")), invoker.payloadsOf("InfoFunction"));
    assertEquals(List.of(event.path("detail")), invoker.payloadsOf("TranscriptFunction"));
    assertEquals(List.of(transcript()), invoker.payloadsOf("EmbeddingFunction"));
    // NotifyInfo sends Info's event, ChatReady the chat-ready one; the branches run in either order.
    assertEquals(java.util.Set.of(info(), expectedTranscript), java.util.Set.copyOf(invoker.payloadsOf("ChatReadyFunction")));
    assertEquals(0, invoker.count("FailureFunction"));
    assertTrue(execution.ran("Done") && !execution.ran("RecordFailure"));
    assertTrue(sleeper.delays().isEmpty());
  }

  /**
   * The youtube-chat jar carries copies of template.yaml and the ASL and runs them from inside
   * itself: a project root on a zip file system reads and runs like the directory.
   */
  @Test
  void realProjectInsideAJar_readsFromTheZipFileSystem_andRunsAsFromTheDirectory(@TempDir Path dir) throws IOException {
    Path jar = dir.resolve("bundle.jar");
    try (ZipOutputStream zip = new ZipOutputStream(Files.newOutputStream(jar))) {
      for (String name : List.of("template.yaml", "statemachine/youtube-chat.asl.json")) {
        zip.putNextEntry(new ZipEntry("sam-project/" + name));
        zip.write(Files.readAllBytes(root.resolve(name)));
        zip.closeEntry();
      }
    }
    FakeInvoker invoker = new FakeInvoker()
        .on("InfoFunction", payload -> info())
        .on("TranscriptFunction", payload -> transcript())
        .on("EmbeddingFunction", payload -> embedding())
        .on("ChatReadyFunction", payload -> chatReady());

    try (FileSystem zip = FileSystems.newFileSystem(jar)) {
      LocalStateMachine fromJar = LocalStateMachine.builderFromProject(zip.getPath("/sam-project")).invoker(invoker)
          .sleeper(sleeper).listener(ExecutionListener.none()).build();
      LocalStateMachine fromDirectory = machine(invoker);

      assertEquals(fromDirectory.name(), fromJar.name());
      assertEquals(fromDirectory.functions(), fromJar.functions());
      assertEquals(fromDirectory.eventPatterns().size(), fromJar.eventPatterns().size());
      Execution execution = fromJar.start(event);
      assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.error() + ": " + execution.cause());
      assertEquals(fromDirectory.start(event).output(), execution.output());
    }
  }

  @Test
  void realProject_transcriptFails_executionFails_recorderRuns_andInfoStillRan() {
    FakeInvoker invoker = new FakeInvoker()
        .on("InfoFunction", payload -> info())
        .on("TranscriptFunction", payload -> {
          throw new NoTranscriptException("The video has captions in de only");
        })
        .on("ChatReadyFunction", payload -> payload)
        .on("FailureFunction", ProjectStateMachineTest::recordFailure);

    Execution execution = machine(invoker).start(event);

    assertEquals(ExecutionStatus.FAILED, execution.status());
    assertEquals(1, invoker.count("InfoFunction"));
    assertEquals(HistoryEvent.Type.EXITED, execution.eventsOf("Info").getLast().type());
    assertEquals(HistoryEvent.Type.CAUGHT, execution.eventsOf("Transcript").getLast().type());
    assertEquals(NoTranscriptException.class.getName(), execution.eventsOf("Transcript").getLast().error());
    assertFalse(execution.ran("Embedding"));
    assertEquals(1, invoker.count("FailureFunction"));
    // One failed branch still makes a one-element 'failures' array ($filter inside [...]): JSONata
    // 2.0.6, as in Step Functions, would unwrap a single predicate match and lose the path after it.
    JsonNode payload = invoker.payloadsOf("FailureFunction").get(0);
    assertEquals(videoId, payload.path("videoId").asText());
    assertEquals(1, payload.path("failures").size(), payload.toString());
    assertEquals("Transcript", payload.path("failures").get(0).path("step").asText());
    assertEquals(NoTranscriptException.class.getName(), payload.path("failures").get(0).path("error").asText());
    assertEquals(NoTranscriptException.class.getName(), execution.error());
    assertEquals(HistoryEvent.Type.FAILED, execution.eventsOf("Failed").getLast().type());
  }

  @Test
  void realProject_bothBranchesFail_recorderGetsEachFailure() throws IOException {
    FakeInvoker invoker = new FakeInvoker()
        .on("InfoFunction", payload -> {
          throw new VideoUnavailableException("This video is private");
        })
        .on("TranscriptFunction", payload -> {
          throw new NoTranscriptException("No captions");
        })
        .on("FailureFunction", ProjectStateMachineTest::recordFailure);

    Execution execution = machine(invoker).start(event);

    assertEquals(ExecutionStatus.FAILED, execution.status());
    JsonNode payload = invoker.payloadsOf("FailureFunction").get(0);
    assertEquals(videoId, payload.path("videoId").asText());
    assertEquals(List.of("Info", "Transcript"),
        List.of(payload.path("failures").get(0).path("step").asText(), payload.path("failures").get(1).path("step").asText()));
    assertEquals(VideoUnavailableException.class.getName(), payload.path("failures").get(0).path("error").asText());
    JsonNode cause = Fakes.MAPPER.readTree(payload.path("failures").get(1).path("cause").asText());
    assertEquals("No captions", cause.path("errorMessage").asText());
    assertEquals(VideoUnavailableException.class.getName(), execution.error());
    assertEquals("Info failed", execution.cause());
  }

  @Test
  void realProject_transientInfoFailure_isRetriedWithTheDefinitionsBackoffAndJitter() {
    AtomicInteger calls = new AtomicInteger();
    FakeInvoker invoker = new FakeInvoker()
        .on("InfoFunction", payload -> {
          if (calls.incrementAndGet() <= 3) {
            throw new TransientException("YouTube answered 503");
          }
          return info();
        })
        .on("TranscriptFunction", payload -> transcript())
        .on("EmbeddingFunction", payload -> embedding())
        .on("ChatReadyFunction", payload -> chatReady());

    Execution execution = LocalStateMachine.builderFromProject(root).invoker(invoker).sleeper(sleeper)
        .random(new ScriptedRandom(0.5, 0.5, 0.5)).listener(ExecutionListener.none()).build().start(event);

    assertEquals(ExecutionStatus.SUCCEEDED, execution.status());
    assertEquals(4, invoker.count("InfoFunction"));
    // TransientException: IntervalSeconds 5, BackoffRate 2, FULL jitter (here half of 5, 10, 20).
    assertEquals(List.of(Fakes.seconds(2.5), Fakes.seconds(5), Fakes.seconds(10)), sleeper.delays());
  }

  @Test
  void realProject_transientChatReadyFailure_isRetriedAloneWithoutEmbeddingAgain() {
    AtomicInteger calls = new AtomicInteger();
    FakeInvoker invoker = new FakeInvoker()
        .on("InfoFunction", payload -> info())
        .on("TranscriptFunction", payload -> transcript())
        .on("EmbeddingFunction", payload -> embedding())
        .on("ChatReadyFunction", payload -> {
          if (payload.has("details")) {
            return chatReady(); // NotifyInfo
          }
          if (calls.incrementAndGet() <= 2) {
            throw new TransientException("Pusher answered HTTP 503");
          }
          return chatReady();
        });

    Execution execution = machine(invoker).start(event);

    assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.error() + ": " + execution.cause());
    assertEquals(3, calls.get());
    assertEquals(1, invoker.count("InfoFunction"));
    assertEquals(1, invoker.count("EmbeddingFunction"));
    assertEquals(1, invoker.count("TranscriptFunction"));
  }

  @Test
  void realProject_chatReadyFailingForGood_isRecordedAsAChatReadyFailure() {
    FakeInvoker invoker = new FakeInvoker()
        .on("InfoFunction", payload -> info())
        .on("TranscriptFunction", payload -> transcript())
        .on("EmbeddingFunction", payload -> embedding())
        .on("ChatReadyFunction", payload -> {
          if (payload.has("details")) {
            return chatReady(); // NotifyInfo
          }
          throw new TransientException("Pusher answered HTTP 503");
        })
        .on("FailureFunction", ProjectStateMachineTest::recordFailure);

    Execution execution = machine(invoker).start(event);

    assertEquals(ExecutionStatus.FAILED, execution.status());
    assertEquals(5, invoker.payloadsOf("ChatReadyFunction").stream().filter(p -> !p.has("details")).count(),
        "the first call and the definition's 4 retries");
    assertEquals(1, invoker.count("EmbeddingFunction"));
    JsonNode failure = invoker.payloadsOf("FailureFunction").get(0).path("failures").get(0);
    assertEquals("ChatReady", failure.path("step").asText());
    assertEquals(TransientException.class.getName(), failure.path("error").asText());
  }

  @Test
  void realProject_eventOfAnotherType_isRefusedBeforeAnythingRuns() {
    FakeInvoker invoker = new FakeInvoker();
    ObjectNode update = event.deepCopy();
    update.put("detail-type", "update");

    EventPatternMismatchException refused = assertThrows(EventPatternMismatchException.class,
        () -> machine(invoker).start(update));

    assertTrue(refused.getMessage().contains("YoutubeChatRule"), refused.getMessage());
    assertTrue(invoker.invocations().isEmpty());
  }

  @Test
  void realProject_handlersOfTheTemplate_canBeInstantiatedByTheHandlerInvoker() {
    // prepare() loads each Handler class and finds its Map constructor; nothing is invoked.
    LocalStateMachine machine = LocalStateMachine.fromProject(root, HandlerTaskInvoker.builder().build(), sleeper);

    assertEquals("YoutubeChatStateMachine", machine.name());
    assertEquals(List.of("InfoFunction", "TranscriptFunction", "EmbeddingFunction", "ChatReadyFunction", "FailureFunction",
            "ExecutionEndedFunction"),
        List.copyOf(machine.functions().keySet()));
  }
}
