package com.youtubechat.shared.bench;

import com.youtubechat.emulators.CohereEmulator;
import com.youtubechat.emulators.FakeVideo;
import com.youtubechat.emulators.PusherEmulator;
import com.youtubechat.emulators.SsmEmulator;
import com.youtubechat.shared.testing.TestDatabase;
import com.youtubechat.emulators.YoutubeEmulator;
import com.youtubechat.shared.transcript.CaptionSegment;
import com.youtubechat.shared.transcript.Chunker;
import com.youtubechat.shared.transcript.ChunkerSettings;
import com.youtubechat.shared.transcript.StoredTranscript;
import com.youtubechat.shared.transcript.TranscriptChunk;
import com.youtubechat.shared.transcript.TranscriptFixtures;
import com.youtubechat.shared.xata.VideoStore;
import com.youtubechat.shared.xata.XataConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Consumer;

/**
 * Cold start of every function, as Lambda pays it without SnapStart: a fresh JVM per run pinned to
 * one CPU, C1 only, the class path of the artifact `sam build` makes, against the loopback emulators
 * and the local PostgreSQL. For each function: JVM start to handler ready and to first result, peak
 * RSS, and the shipped jars no class was loaded from; for Transcript and Embedding also a 10-hour
 * video. Five runs each (after one discarded warm-up run), medians. Not a test: run with
 * {@code make bench-coldstart}. Argument: the directory holding one artifact per function.
 */
public final class ColdStartBenchmark {

  private static final String ID = "dQw4w9WgXcQ";
  private static final String VIDEO = "rec_bench";
  private static final int RUNS = 5;
  private static final String SHORT_TRACK = "<transcript><text start=\"0\" dur=\"2\">A short video.</text>"
      + "<text start=\"2\" dur=\"2\">It has two lines.</text></transcript>";

  private ColdStartBenchmark() {}

  public static void main(String[] args) throws Exception {
    Path artifacts = Path.of(args[0]);
    int runs = args.length > 1 ? Integer.parseInt(args[1]) : RUNS;
    List<CaptionSegment> tenHours = TranscriptFixtures.speech(new Random(20261124L), 6_000);
    List<TranscriptChunk> tenHourChunks = new Chunker(ChunkerSettings.defaults()).chunk(tenHours);
    List<TranscriptChunk> shortChunks = tenHourChunks.subList(0, 3);
    try (YoutubeEmulator youtube = new YoutubeEmulator(); PusherEmulator pusher = new PusherEmulator();
         CohereEmulator cohere = new CohereEmulator(); SsmEmulator ssm = new SsmEmulator()) {
      youtube.add(new FakeVideo(ID).track("en", false, SHORT_TRACK));
      youtube.add(new FakeVideo("tenHoursAAA").lengthSeconds(36_000).track("en", true, TranscriptFixtures.srv3(tenHours)));
      Map<String, String> env = new HashMap<>(youtube.environment());
      env.putAll(pusher.environment());
      env.putAll(cohere.environment());
      env.put("XATA_DB_URL", TestDatabase.url());
      String record = "{\"id\":\"" + VIDEO + "\",\"youtubeId\":\"" + ID + "\"}";
      String tenHourRecord = "{\"id\":\"" + VIDEO + "\",\"youtubeId\":\"tenHoursAAA\"}";
      String embed = "{\"videoId\":\"" + VIDEO + "\"}";
      String chatReady = "{\"videoId\":\"" + VIDEO + "\",\"embeddingCount\":3,\"chatEnabled\":true}";
      String failure = "{\"videoId\":\"" + VIDEO + "\",\"failures\":[{\"step\":\"Transcript\",\"error\":"
          + "\"com.youtubechat.shared.error.NoTranscriptException\",\"cause\":\"{\\\"errorMessage\\\":\\\"none\\\"}\"}]}";

      measure("InfoFunction", "com.youtubechat.info.InfoHandler", artifacts, env, record, runs, db -> { });
      measure("TranscriptFunction", "com.youtubechat.transcript.TranscriptHandler", artifacts, env, record, runs, db -> { });
      measure("TranscriptFunction, 10-hour video", "com.youtubechat.transcript.TranscriptHandler", artifacts, env,
          tenHourRecord, runs, db -> { });
      measure("EmbeddingFunction", "com.youtubechat.embedding.EmbeddingHandler", artifacts, env, embed, runs,
          db -> store(db, shortChunks));
      measure("EmbeddingFunction, 10-hour video (" + tenHourChunks.size() + " chunks)",
          "com.youtubechat.embedding.EmbeddingHandler", artifacts, env, embed, runs, db -> store(db, tenHourChunks));
      // The same function with its two secrets in SSM, as deployed: the difference is the read's cost.
      measure("EmbeddingFunction, secrets from SSM (key variables)", "com.youtubechat.embedding.EmbeddingHandler",
          artifacts, secretsIn(ssm, env, ssm.environment()), embed, runs, db -> store(db, shortChunks));
      measure("EmbeddingFunction, secrets from SSM (SnapStart's container credentials)",
          "com.youtubechat.embedding.EmbeddingHandler", artifacts, secretsIn(ssm, env, ssm.containerEnvironment()),
          embed, runs, db -> store(db, shortChunks));
      measure("ChatReadyFunction", "com.youtubechat.chatready.ChatReadyHandler", artifacts, env, chatReady, runs,
          db -> TestDatabase.execute(db, "UPDATE videos SET chat_enabled = true, status = 'ready' WHERE id = '" + VIDEO + "'"));
      measure("FailureFunction", "com.youtubechat.failure.FailureHandler", artifacts, env, failure, runs, db -> { });
    }
  }

  /** {@code env} with XATA_DB_URL and COHERE_API_KEY moved into SSM, named by their *_PARAMETER variables. */
  private static Map<String, String> secretsIn(SsmEmulator ssm, Map<String, String> env, Map<String, String> aws) {
    Map<String, String> named = new HashMap<>(env);
    for (String variable : List.of("XATA_DB_URL", "COHERE_API_KEY")) {
      ssm.put("/bench/" + variable, named.remove(variable));
      named.put(variable + "_PARAMETER", "/bench/" + variable);
    }
    named.putAll(aws);
    return named;
  }

  private static void store(XataConnection database, List<TranscriptChunk> chunks) {
    new VideoStore(database).saveTranscript(VIDEO, new StoredTranscript(ID, "en", "manual", "en", chunks.size(),
        ChunkerSettings.DEFAULT_MAX_TOKENS, ChunkerSettings.DEFAULT_OVERLAP_TOKENS, chunks));
  }

  private static void measure(String name, String handler, Path artifacts, Map<String, String> env, String input,
      int runs, Consumer<XataConnection> setUp) throws Exception {
    String function = name.split(",")[0];
    Path artifact = artifacts.resolve(function);
    Path event = Files.createTempFile("event", ".json");
    Files.writeString(event, input);
    List<ColdStart.Run> measured = new ArrayList<>();
    ColdStart.Run warmUp = null;
    for (int i = 0; i <= runs; i++) {
      try (XataConnection database = TestDatabase.fresh()) {
        TestDatabase.insertVideo(database, VIDEO, null, null); // a row that names no video yet: each run may use another
        setUp.accept(database);
      }
      // The first run warms the OS page cache, logs class loading, and is not timed.
      ColdStart.Run run = ColdStart.run(artifact, handler, event, env, i == 0);
      if (i == 0) {
        warmUp = run;
      } else {
        measured.add(run);
      }
    }
    Files.delete(event);
    ColdStart.print(name, measured);
    String output = measured.get(0).output();
    System.out.println("  output: " + (output.length() > 160 ? output.substring(0, 160) + "..." : output));
    System.out.println("  classes by source: " + ColdStart.topSources(warmUp, 12));
    System.out.println("  shipped jars never loaded: " + ColdStart.unusedJars(artifact, List.of(warmUp)));
  }
}
