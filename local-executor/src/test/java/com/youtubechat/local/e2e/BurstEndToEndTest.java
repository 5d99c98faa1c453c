package com.youtubechat.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.youtubechat.emulators.CohereEmulator;
import com.youtubechat.emulators.FakeVideo;
import com.youtubechat.local.Execution;
import com.youtubechat.local.ExecutionStatus;
import com.youtubechat.local.LocalStateMachine;
import com.youtubechat.shared.testing.TestDatabase;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * What a burst does to the pipeline, end to end (real handlers, real PostgreSQL, the emulators):
 * the database's connection budget exhausted and then freed, the failure recorder starved and then
 * freed, an execution aborted from outside, and a storm of Cohere 429s. Step Functions' retry waits
 * are recorded, not slept; a hook at each wait frees what the test took away.
 */
class BurstEndToEndTest {

  /** The paid requests one video costs when nothing goes wrong (the single-video figure). */
  private static void assertPaidWorkOfOneVideo(Pipeline pipeline) {
    assertEquals(1, pipeline.youtube.requests("/youtube/v3/videos").size(), "Data API calls (1 quota unit each)");
    assertEquals(1, pipeline.youtube.requests("/api/timedtext").size(), "caption downloads");
    assertEquals((pipeline.chunkCount() + 95) / 96, pipeline.cohere.successfulCalls().size(), "Cohere calls");
    assertEquals(pipeline.cohere.successfulCalls().size(), pipeline.cohere.calls().size(), "Cohere calls refused");
  }

  @Test
  void connectionBudgetExhaustedThenFreed_videoSucceeds_withoutRepeatingPaidWork() {
    try (Pipeline pipeline = new Pipeline()) {
      // The functions connect as a role that may hold no connection at all: every step's first
      // attempt is refused with SQLSTATE 53300, as in a burst. The first retry wait frees the budget.
      pipeline.databaseUrl = TestDatabase.urlOfRoleWithConnectionLimit(pipeline.database, "ytc_burst", 0);
      AtomicBoolean freed = new AtomicBoolean();
      pipeline.onSleep = delay -> {
        if (freed.compareAndSet(false, true)) {
          TestDatabase.execute(pipeline.database, "ALTER ROLE ytc_burst CONNECTION LIMIT -1");
        }
      };

      Execution execution = pipeline.run();

      assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.error() + ": " + execution.cause());
      assertEquals("ready", pipeline.row().get("status"));
      assertEquals(pipeline.chunkCount(), pipeline.embeddings().size());
      assertTrue(freed.get(), "a retry waited for the budget");
      assertTrue(execution.eventsOf("Info").stream().anyMatch(e -> "com.youtubechat.shared.error.DatabaseBusyException"
          .equals(e.error())), "Info met the exhausted budget: " + execution.eventsOf("Info"));
      // Refused before any paid call, so the retries repeated none.
      assertPaidWorkOfOneVideo(pipeline);
    }
  }

  @Test
  void recorderStarvedThenFreed_failureIsRecorded() {
    try (Pipeline pipeline = new Pipeline()) {
      pipeline.youtube.add(new FakeVideo(Pipeline.YOUTUBE_ID).noTracks()); // Transcript fails for good
      pipeline.databaseUrl = TestDatabase.urlOfRoleWithConnectionLimit(pipeline.database, "ytc_starved", -1);
      // The work's own attempts took every slot: when the recorder starts, none is left for it.
      AtomicBoolean starved = new AtomicBoolean();
      AtomicBoolean freed = new AtomicBoolean();
      pipeline.beforeInvoke = function -> {
        if (function.equals("FailureFunction") && starved.compareAndSet(false, true)) {
          TestDatabase.execute(pipeline.database, "ALTER ROLE ytc_starved CONNECTION LIMIT 0");
        }
      };
      pipeline.onSleep = delay -> {
        if (starved.get() && freed.compareAndSet(false, true)) {
          TestDatabase.execute(pipeline.database, "ALTER ROLE ytc_starved CONNECTION LIMIT -1");
        }
      };

      Execution execution = pipeline.run();

      assertEquals(ExecutionStatus.FAILED, execution.status());
      assertTrue(freed.get(), "the recorder waited for a connection");
      assertTrue(execution.eventsOf("RecordFailure").stream().anyMatch(e ->
          "com.youtubechat.shared.error.DatabaseBusyException".equals(e.error())), "the recorder was starved first");
      Map<String, Object> row = pipeline.row();
      assertEquals("failed", row.get("status"));
      String reason = String.valueOf(row.get("error"));
      assertTrue(reason.startsWith("Transcript failed (TranscriptsDisabledException)"), reason);
      assertTrue(pipeline.pusherData().stream().anyMatch(e -> "failed".equals(e.path("status").asText())));
    }
  }

  @Test
  void executionAborted_rowIsMarkedBySafetyNet() throws Exception {
    try (Pipeline pipeline = new Pipeline()) {
      CountDownLatch transcriptStarted = new CountDownLatch(1);
      pipeline.beforeInvoke = function -> {
        if (function.equals("TranscriptFunction")) {
          transcriptStarted.countDown();
          try {
            new CountDownLatch(1).await(); // a long step, until the execution is stopped
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("stopped", e);
          }
        }
      };
      LocalStateMachine machine = pipeline.machine();
      Thread[] runner = new Thread[1];
      CompletableFuture<Execution> running = new CompletableFuture<>();
      runner[0] = Thread.ofPlatform().start(() -> running.complete(machine.start(Pipeline.sampleEvent())));
      assertTrue(transcriptStarted.await(60, TimeUnit.SECONDS), "Transcript never started");
      runner[0].interrupt(); // StopExecution
      Execution execution = running.get(60, TimeUnit.SECONDS);
      assertEquals(ExecutionStatus.ABORTED, execution.status());
      assertFalse(execution.ran("RecordFailure"), "an aborted execution never reaches its failure step");
      assertEquals("pending", pipeline.row().get("status"));

      JsonNode retry = pipeline.deliverStatusChange(execution);

      assertEquals(0, retry.path("batchItemFailures").size(), retry.toString());
      Map<String, Object> row = pipeline.row();
      assertEquals("failed", row.get("status"));
      assertTrue(String.valueOf(row.get("error")).startsWith("Processing ended ABORTED before its outcome was recorded"),
          String.valueOf(row.get("error")));
      assertTrue(pipeline.pusherData().stream().anyMatch(e -> "failed".equals(e.path("status").asText())
          && "aborted".equals(e.path("reason").asText()) && Pipeline.VIDEO.equals(e.path("id").asText())),
          pipeline.pusherData().toString());
    }
  }

  @Test
  void cohere429Storm_everyVideoSucceeds_andRetriesAreSpreadNotInLockStep() throws Exception {
    int videos = 12;
    try (Pipeline pipeline = new Pipeline()) {
      List<JsonNode> events = new ArrayList<>();
      for (int i = 0; i < videos; i++) {
        String id = String.format("rec_storm%015d", i);
        String youtubeId = String.format("storm%06d", i);
        pipeline.youtube.add(new FakeVideo(youtubeId).track("en", false, Pipeline.longTrack()
            .replace("Line ", "Video " + i + " line ")));
        TestDatabase.insertVideo(pipeline.database, id, youtubeId, null);
        ObjectNode event = Pipeline.sampleEvent().deepCopy();
        ((ObjectNode) event.path("detail")).put("id", id).put("youtubeId", youtubeId).remove("url");
        events.add(event);
      }
      // Two videos' embed calls a second: most of the 12 are refused with the same Retry-After.
      int inputsPerVideo = chunksOfLongTrack(pipeline);
      pipeline.cohere.rateLimit(2 * inputsPerVideo, Duration.ofSeconds(1));
      LocalStateMachine machine = pipeline.machine();

      List<Execution> executions = new ArrayList<>();
      try (ExecutorService burst = Executors.newFixedThreadPool(videos)) {
        List<Future<Execution>> started = new ArrayList<>();
        for (JsonNode event : events) {
          started.add(burst.submit(() -> machine.start(event)));
        }
        for (Future<Execution> execution : started) {
          executions.add(execution.get(5, TimeUnit.MINUTES));
        }
      }

      for (Execution execution : executions) {
        assertEquals(ExecutionStatus.SUCCEEDED, execution.status(), execution.error() + ": " + execution.cause());
      }
      assertTrue(pipeline.cohere.rateLimitedCalls() >= videos / 2, "refused: " + pipeline.cohere.rateLimitedCalls());
      // The second attempt of each refused video, as Cohere received it.
      Map<String, List<Long>> arrivals = new HashMap<>();
      for (CohereEmulator.Call call : pipeline.cohere.calls()) {
        arrivals.computeIfAbsent(call.texts().get(0).split(" line ")[0], k -> new ArrayList<>()).add(call.receivedAtNanos());
      }
      List<Long> secondAttempts = arrivals.values().stream().filter(times -> times.size() > 1)
          .map(times -> times.stream().sorted().toList().get(1)).sorted().toList();
      assertTrue(secondAttempts.size() >= videos / 2, "videos retried: " + secondAttempts.size());
      long spreadMillis = (secondAttempts.getLast() - secondAttempts.getFirst()) / 1_000_000;
      assertTrue(spreadMillis >= 300, secondAttempts.size() + " retries arrived within " + spreadMillis + " ms");
    }
  }

  /** How many chunks the Pipeline's long track makes (one Cohere call's inputs). */
  private static int chunksOfLongTrack(Pipeline pipeline) {
    Execution single = pipeline.run();
    assertEquals(ExecutionStatus.SUCCEEDED, single.status(), single.error() + ": " + single.cause());
    int chunks = pipeline.chunkCount();
    assertTrue(chunks <= 96, "one call per video: " + chunks);
    return chunks;
  }
}
