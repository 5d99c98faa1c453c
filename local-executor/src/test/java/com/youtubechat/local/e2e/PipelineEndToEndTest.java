package com.youtubechat.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.youtubechat.emulators.CohereEmulator;
import com.youtubechat.emulators.Fault;
import com.youtubechat.emulators.SsmEmulator;
import com.youtubechat.local.EventPatternMismatchException;
import com.youtubechat.local.Execution;
import com.youtubechat.local.ExecutionStatus;
import com.youtubechat.local.HandlerTaskInvoker.FunctionStats;
import com.youtubechat.shared.error.InvalidInputException;
import com.youtubechat.shared.error.YoutubeBotCheckException;
import com.youtubechat.shared.testing.TestDatabase;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Stream;
import mockwebserver3.RecordedRequest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The state machine end to end, under faults: real handlers, real PostgreSQL, the service emulators.
 * A transient fault (once) must end SUCCEEDED after retries with no duplicate rows; a persistent one
 * FAILED with a readable reason, and what the other branch did kept: the row is marked failed with
 * the reason, unless the embeddings were committed (then it stays ready: chat works).
 */
class PipelineEndToEndTest {

  private static final int PERSISTENT = 1_000;

  @Test
  void sampleEvent_fillsMetadataTranscriptEmbeddingsAndEnablesChat() {
    try (Pipeline pipeline = new Pipeline()) {
      Execution execution = pipeline.run();

      assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.error() + ": " + execution.cause());
      Map<String, Object> row = pipeline.row();
      assertEquals("Never Gonna Give You Up", row.get("title"));
      assertEquals(213, row.get("length_seconds"));
      assertEquals(true, row.get("chat_enabled"));
      assertEquals("ready", row.get("status"));
      int chunks = pipeline.chunkCount();
      assertTrue(chunks > 1, "several chunks: " + chunks);
      List<String> embeddings = pipeline.embeddings();
      assertEquals(chunks, embeddings.size());
      assertEquals((chunks + 95) / 96, pipeline.cohere.calls().size());
      assertTrue(embeddings.get(0).startsWith(Pipeline.VIDEO + ":0|0|Line 0 of the talk"), embeddings.get(0));

      List<JsonNode> events = pipeline.pusherData();
      assertEquals(2, events.size(), events.toString());
      assertTrue(events.stream().anyMatch(e -> "Never Gonna Give You Up".equals(e.path("title").asText())));
      assertTrue(events.stream().anyMatch(e -> e.path("chatEnabled").asBoolean() && "ready".equals(e.path("status").asText())));
      JsonNode output = execution.output();
      assertEquals(Pipeline.VIDEO, output.path("videoId").asText());
      assertEquals(chunks, output.path("transcript").path("embeddingCount").asInt());
      assertTrue(execution.ran("Done") && !execution.ran("RecordFailure"));
    }
  }

  /** service, the step whose calls fail, the fault, and whether it persists. */
  static Stream<Arguments> faults() {
    Stream.Builder<Arguments> cases = Stream.builder();
    for (Fault fault : Fault.values()) {
      for (boolean persistent : new boolean[] {false, true}) {
        cases.add(Arguments.of("YouTube", "Info", fault, persistent));
        cases.add(Arguments.of("YouTube", "Transcript", fault, persistent));
        cases.add(Arguments.of("Cohere", "Embedding", fault, persistent));
        cases.add(Arguments.of("Pusher", "NotifyInfo", fault, persistent));
        cases.add(Arguments.of("Pusher", "ChatReady", fault, persistent));
      }
    }
    return cases.build();
  }

  @ParameterizedTest(name = "{0} {2} in {1}, persistent={3}")
  @MethodSource("faults")
  void serviceFault_isRetriedOrRecorded(String service, String step, Fault fault, boolean persistent) {
    try (Pipeline pipeline = new Pipeline()) {
      int times = persistent ? PERSISTENT : 1;
      switch (service + "/" + step) {
        case "YouTube/Info" -> pipeline.youtube.inject("/youtube/v3", fault, times);
        case "YouTube/Transcript" -> pipeline.youtube.inject("/api/timedtext", fault, times);
        case "Cohere/Embedding" -> pipeline.cohere.inject(fault, times);
        case "Pusher/NotifyInfo" -> pipeline.pusher.injectWhen("\"title\"", fault, times);
        case "Pusher/ChatReady" -> pipeline.pusher.injectWhen("\"chatEnabled\"", fault, times);
        default -> throw new IllegalArgumentException(service + "/" + step);
      }

      Execution execution = pipeline.run();

      if (!persistent) {
        assertSucceededWithOneSetOfRows(pipeline, execution);
        if (!service.equals("Cohere")) {
          assertEquals((pipeline.chunkCount() + 95) / 96, pipeline.cohere.calls().size(),
              "a retry elsewhere never embeds the video again");
        }
        return;
      }
      Map<String, Object> row = pipeline.row();
      assertEquals(ExecutionStatus.FAILED, execution.status());
      assertTrue(execution.ran("RecordFailure"), "the failure path ran");
      String reason = execution.cause();
      assertTrue(reason.startsWith(step + " failed ("), "the execution fails with the readable reason: " + reason);
      assertFalse(reason.contains("\tat ") || reason.contains("stackTrace"), "no stack trace: " + reason);
      boolean embeddingCommitted = List.of("Info", "NotifyInfo", "ChatReady").contains(step);
      if (embeddingCommitted) {
        // Chat works: the recorder keeps the ready row and tells the web app nothing to the contrary.
        assertEquals("ready", row.get("status"));
        assertEquals(null, row.get("error"));
        assertEquals(true, row.get("chat_enabled"));
        assertTrue(pipeline.pusherData().stream().noneMatch(e -> "failed".equals(e.path("status").asText())),
            pipeline.pusherData().toString());
      } else {
        assertEquals("failed", row.get("status"));
        assertEquals(reason, row.get("error"), "the row holds the readable reason");
        JsonNode failed = pipeline.pusherData().stream().filter(e -> "failed".equals(e.path("status").asText()))
            .findFirst().orElseThrow(() -> new AssertionError("no video-details {id, status: failed} was sent"));
        assertTrue(failed.path("reason").asText().matches("[a-z]+(_[a-z]+)*"), "a reason code: " + failed);
        assertFalse(failed.toString().contains(step + " failed"), "the public event carries no readable reason: " + failed);
      }
      // What the other branch achieved stays, and Pusher being down loses no data.
      if (step.equals("Info") && service.equals("YouTube")) {
        assertEquals(pipeline.chunkCount(), pipeline.embeddings().size());
        assertEquals(true, row.get("chat_enabled"));
      } else {
        assertEquals("Never Gonna Give You Up", row.get("title"));
      }
      if (service.equals("Pusher") && step.equals("NotifyInfo")) {
        assertEquals(1, pipeline.youtube.requests("/youtube/v3/videos").size(),
            "retrying the event never fetches the metadata again");
      }
      if (service.equals("Pusher") && step.equals("ChatReady")) {
        assertEquals(pipeline.chunkCount(), pipeline.embeddings().size(), "rows were committed before the event");
        assertEquals((pipeline.chunkCount() + 95) / 96, pipeline.cohere.calls().size(),
            "retrying the event never embeds the video again");
      }
    }
  }

  private static void assertSucceededWithOneSetOfRows(Pipeline pipeline, Execution execution) {
    assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.error() + ": " + execution.cause());
    Map<String, Object> row = pipeline.row();
    assertEquals("ready", row.get("status"));
    assertEquals(true, row.get("chat_enabled"));
    assertEquals("Never Gonna Give You Up", row.get("title"));
    List<String> embeddings = pipeline.embeddings();
    assertEquals(pipeline.chunkCount(), embeddings.size(), "no duplicate or missing rows");
    assertEquals(embeddings.size(), embeddings.stream().distinct().count());
  }

  @Test
  void botCheckWithoutAProxy_failsTheTranscriptAfterOnePlayerCall_withNoRetry() {
    try (Pipeline pipeline = new Pipeline()) {
      pipeline.youtube.botCheckNext(PERSISTENT);

      Execution execution = pipeline.run();

      assertEquals(ExecutionStatus.FAILED, execution.status());
      assertEquals(YoutubeBotCheckException.class.getName(), execution.error(), execution.cause());
      assertTrue(execution.cause().startsWith("Transcript failed ("), execution.cause());
      assertEquals(1, pipeline.youtube.requests("/youtubei/v1/player").size(), "the same IP is not asked again");
      assertEquals(List.of(), pipeline.sleeps, "no retry waits");
      assertEquals("failed", pipeline.row().get("status"));
    }
  }

  @Test
  void botCheckThroughAProxy_isRetried_andTheNextIpSucceeds() {
    try (Pipeline pipeline = new Pipeline()) {
      pipeline.extraEnvironment.put("YOUTUBE_PROXY_URL", pipeline.youtube.baseUrl());
      pipeline.youtube.botCheckNext(1);

      Execution execution = pipeline.run();

      assertSucceededWithOneSetOfRows(pipeline, execution);
      List<RecordedRequest> players = pipeline.youtube.requests("/youtubei/v1/player");
      assertEquals(2, players.size(), "blocked once, then asked again");
      assertEquals(1, pipeline.sleeps.size(), "one retry wait: " + pipeline.sleeps);
    }
  }

  @Test
  void secretsInSsm_pipelineSucceeds_eachContainerReadsItsSecretsOnceWithOneSignedCall() {
    try (Pipeline pipeline = new Pipeline()) {
      pipeline.ssm = new SsmEmulator();

      Execution execution = pipeline.run();

      assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.cause());
      assertEquals(true, pipeline.row().get("chat_enabled"));
      List<SsmEmulator.Call> calls = pipeline.ssm.calls();
      long containers = pipeline.lastHandlers.stats().values().stream().mapToLong(FunctionStats::coldStarts).sum();
      assertEquals(containers, (long) calls.size(), "one GetParameters call per container: " + calls);
      assertTrue(calls.stream().allMatch(c -> c.signatureValid() && c.withDecryption()), calls.toString());
      assertTrue(calls.stream().anyMatch(c -> c.names().contains("/youtube-chat-test/cohere-api-key")
          && !c.names().contains("/youtube-chat-test/pusher-secret")), "Embedding reads its own secrets only: " + calls);
      assertEquals(calls.size(), pipeline.ssm.credentialRequests(), "credentials come from the container endpoint");
    }
  }

  @Test
  void postgresConnectionsCutBeforeEmbedding_areReopened() {
    try (Pipeline pipeline = new Pipeline()) {
      pipeline.beforeInvoke = function -> {
        if (function.equals("EmbeddingFunction")) {
          TestDatabase.execute(pipeline.database, "SELECT pg_terminate_backend(pid) FROM pg_stat_activity"
              + " WHERE application_name = 'youtube-chat' AND pid <> pg_backend_pid()");
        }
      };
      assertSucceededWithOneSetOfRows(pipeline, pipeline.run());
    }
  }

  @Test
  void postgresRestartedInTheMiddleOfARun_theStoreReconnects() {
    try (Pipeline pipeline = new Pipeline()) {
      pipeline.beforeInvoke = function -> {
        if (function.equals("EmbeddingFunction")) {
          TestDatabase.stopServer();
          TestDatabase.startServer();
        }
      };
      Execution execution = pipeline.run();
      pipeline.database.reset(); // the test's own connection died in the restart too
      assertSucceededWithOneSetOfRows(pipeline, execution);
    }
  }

  @Test
  void postgresDownDuringEmbedding_failsTheExecutionAfterRetries() {
    try (Pipeline pipeline = new Pipeline()) {
      pipeline.beforeInvoke = function -> {
        if (function.equals("EmbeddingFunction") && pipeline.sleeps.isEmpty()) {
          TestDatabase.stopServer();
        }
      };
      Execution execution;
      try {
        execution = pipeline.run();
      } finally {
        TestDatabase.startServer();
        pipeline.database.reset();
      }
      assertEquals(ExecutionStatus.FAILED, execution.status());
      assertTrue(execution.cause().contains("Database unavailable"), execution.cause());
      // The recorder could not write either: the database is the thing that is down.
      assertTrue(execution.cause().startsWith("The video failed, and recording the failure failed too"), execution.cause());
      assertEquals(0, pipeline.embeddings().size());
    }
  }

  @Test
  void postgresLockHeldBriefly_delaysEmbeddingButItCompletes() throws Exception {
    try (Pipeline pipeline = new Pipeline()) {
      var holder = new com.youtubechat.shared.xata.XataConnection(TestDatabase.settings());
      pipeline.beforeInvoke = function -> {
        if (function.equals("EmbeddingFunction")) {
          holder.run("lock", connection -> {
            connection.setAutoCommit(false);
            connection.createStatement().execute("SELECT id FROM videos WHERE id = '" + Pipeline.VIDEO + "' FOR UPDATE");
            return null;
          });
          CompletableFuture.runAsync(() -> {
            try {
              Thread.sleep(1_500);
              holder.run("unlock", connection -> {
                connection.commit();
                connection.setAutoCommit(true);
                return null;
              });
            } catch (InterruptedException e) {
              Thread.currentThread().interrupt();
            }
          });
        }
      };
      assertSucceededWithOneSetOfRows(pipeline, pipeline.run());
      holder.close();
    }
  }

  @Test
  void sameEventTwiceInARow_leavesTheSameRowAndOneSetOfEmbeddings() {
    try (Pipeline pipeline = new Pipeline()) {
      assertSucceededWithOneSetOfRows(pipeline, pipeline.run());
      List<String> first = pipeline.embeddings();
      Map<String, Object> firstRow = pipeline.row();

      assertSucceededWithOneSetOfRows(pipeline, pipeline.run());

      assertEquals(first, pipeline.embeddings());
      Map<String, Object> secondRow = pipeline.row();
      for (String column : List.of("title", "description", "author", "length_seconds", "thumbnail_url", "transcript",
          "chat_enabled", "status")) {
        assertEquals(String.valueOf(firstRow.get(column)), String.valueOf(secondRow.get(column)), column);
      }
    }
  }

  @Test
  void sameEventTwiceAtOnce_leavesOneSetOfEmbeddings() throws Exception {
    try (Pipeline pipeline = new Pipeline()) {
      pipeline.cohere.latency(100);
      var first = CompletableFuture.supplyAsync(() -> pipeline.machine().start(Pipeline.sampleEvent()));
      var second = CompletableFuture.supplyAsync(() -> pipeline.machine().start(Pipeline.sampleEvent()));

      assertEquals(ExecutionStatus.SUCCEEDED, first.get().status(), first.get().cause());
      assertEquals(ExecutionStatus.SUCCEEDED, second.get().status(), second.get().cause());
      assertSucceededWithOneSetOfRows(pipeline, first.get());
    }
  }

  @Test
  void eventFromAnotherSourceOrDetailType_isRefusedByThePattern() {
    try (Pipeline pipeline = new Pipeline()) {
      for (String field : List.of("source", "detail-type")) {
        ObjectNode event = (ObjectNode) Pipeline.sampleEvent();
        event.put(field, "something.else");
        assertThrows(EventPatternMismatchException.class, () -> pipeline.machine().start(event));
      }
      assertTrue(pipeline.youtube.requests().isEmpty());
      assertEquals(null, pipeline.row().get("title"));
    }
  }

  @Test
  void eventWithoutDetail_failsNamedAndWritesNothing() {
    try (Pipeline pipeline = new Pipeline()) {
      ObjectNode event = (ObjectNode) Pipeline.sampleEvent();
      event.remove("detail");

      Execution execution = pipeline.machine().start(event);

      assertEquals(ExecutionStatus.FAILED, execution.status());
      assertFalse(execution.error().isBlank());
      assertTrue(pipeline.youtube.requests().isEmpty());
      assertEquals(null, pipeline.row().get("title"));
      assertEquals("pending", pipeline.row().get("status"));
    }
  }

  @Test
  void detailWithAnInvalidYoutubeId_failsAsInvalidInputAndWritesNothing() {
    try (Pipeline pipeline = new Pipeline()) {
      ObjectNode event = (ObjectNode) Pipeline.sampleEvent();
      ((ObjectNode) event.get("detail")).put("id", "rec_unknown").put("youtubeId", "not/an/id").remove("url");

      Execution execution = pipeline.machine().start(event);

      assertEquals(ExecutionStatus.FAILED, execution.status());
      assertEquals(InvalidInputException.class.getName(), execution.error());
      assertTrue(pipeline.youtube.requests().isEmpty());
      assertEquals(0, pipeline.cohere.calls().size());
      assertEquals(0, TestDatabase.count(pipeline.database, "embeddings"));
      assertEquals(null, pipeline.row().get("title"), "the real video's row is untouched");
      assertEquals(1, TestDatabase.count(pipeline.database, "videos"), "no row was created");
    }
  }

  @Test
  void cohereEmulatorVectors_areWhatIsStored() {
    try (Pipeline pipeline = new Pipeline()) {
      pipeline.run();
      String firstText = pipeline.embeddings().get(0).split("\\|")[2];
      float[] expected = CohereEmulator.vectorFor(firstText, 1024);
      String stored = pipeline.database.run("vector", connection -> {
        try (var rs = connection.createStatement().executeQuery(
            "SELECT embedding::text FROM embeddings WHERE chunk_index = 0")) {
          rs.next();
          return rs.getString(1);
        }
      });
      assertEquals(String.valueOf(expected[0]), stored.substring(1, stored.indexOf(',')));
    }
  }
}
