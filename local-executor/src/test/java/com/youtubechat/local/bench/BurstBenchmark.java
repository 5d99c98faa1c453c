package com.youtubechat.local.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.youtubechat.emulators.CohereEmulator;
import com.youtubechat.emulators.FakeVideo;
import com.youtubechat.emulators.PusherEmulator;
import com.youtubechat.emulators.YoutubeEmulator;
import com.youtubechat.local.Execution;
import com.youtubechat.local.ExecutionListener;
import com.youtubechat.local.ExecutionStatus;
import com.youtubechat.local.HandlerTaskInvoker;
import com.youtubechat.local.LocalStateMachine;
import com.youtubechat.local.Sleeper;
import com.youtubechat.shared.json.Json;
import com.youtubechat.shared.testing.TestDatabase;
import com.youtubechat.shared.xata.XataConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * A burst of videos through the whole pipeline on one machine: the project's state machine run by
 * the local executor with the real handlers, Lambda's concurrency modelled (the template's
 * FunctionConcurrency from the README's arithmetic, an account-wide limit, throttles), the test
 * PostgreSQL started with a small {@code max_connections}, and the Cohere emulator rate-limited in
 * inputs per minute. Time is scaled: Step Functions' retry waits and Cohere's minute both shrink by
 * the same factor, while the Lambdas' own work runs at full speed. Not a test: {@code make bench-burst}.
 *
 * <p>Arguments: videos (200), time scale (1: real time; 0.1: a minute lasts 6 s), account concurrency (100),
 * "outage" to stop the database for a stretch in the middle.
 */
public final class BurstBenchmark {

  private static final Path ROOT = Path.of("").toAbsolutePath();
  private static final int COHERE_INPUTS_PER_MINUTE = 2_000;
  /** Connections PostgreSQL keeps for superusers (the sampler and set-up connect as one). */
  private static final int SUPERUSER_RESERVED = 3;
  private static final String ROLE = "ytc_burst_app";

  private BurstBenchmark() {}

  public static void main(String[] args) throws Exception {
    int videos = args.length > 0 ? Integer.parseInt(args[0]) : 200;
    double scale = args.length > 1 ? Double.parseDouble(args[1]) : 1;
    int accountConcurrency = args.length > 2 ? Integer.parseInt(args[2]) : 100;
    boolean outage = args.length > 3 && args[3].equals("outage");
    com.youtubechat.shared.log.Log.get(BurstBenchmark.class); // its set-up reads the logging configuration
    Logger.getLogger("").setLevel(Level.SEVERE); // the handlers' INFO lines, thousands of them
    for (var handler : Logger.getLogger("").getHandlers()) {
      handler.setLevel(Level.SEVERE);
    }

    try (XataConnection admin = TestDatabase.fresh(); YoutubeEmulator youtube = new YoutubeEmulator();
         CohereEmulator cohere = new CohereEmulator(); PusherEmulator pusher = new PusherEmulator()) {
      int maxConnections = Integer.parseInt(query(admin, "SHOW max_connections"));
      // The README's arithmetic: 3 per unit of FunctionConcurrency, 2 for the safety net, 2 for
      // RecordFailure, the superusers' reserve and nothing for a web app here.
      int functionConcurrency = (maxConnections - SUPERUSER_RESERVED - 4) / 3;
      int budget = 3 * functionConcurrency + 4;
      String url = TestDatabase.urlOfRoleWithConnectionLimit(admin, ROLE, -1);
      Duration minute = Duration.ofMillis(Math.round(60_000 * scale));
      cohere.rateLimit(COHERE_INPUTS_PER_MINUTE, minute);

      Map<String, String> env = new HashMap<>(youtube.environmentWithDataApi());
      env.putAll(cohere.environment());
      env.putAll(pusher.environment());
      env.put("XATA_DB_URL", url);
      HandlerTaskInvoker invoker = HandlerTaskInvoker.builder().environment(env).passUndeclaredVariables()
          .accountConcurrency(accountConcurrency).build();
      LocalStateMachine machine = LocalStateMachine.builderFromProject(ROOT,
              Map.of("FunctionConcurrency", String.valueOf(functionConcurrency)))
          .invoker(invoker).sleeper(Sleeper.scaled(scale)).listener(ExecutionListener.none()).build();

      // One video alone first: the single-video figures, and a warm JVM.
      List<JsonNode> single = events(youtube, admin, "single", 1);
      RequestCounts before = RequestCounts.of(youtube, cohere);
      Execution alone = machine.start(single.get(0));
      RequestCounts one = RequestCounts.of(youtube, cohere).minus(before);
      if (alone.status() != ExecutionStatus.SUCCEEDED) {
        throw new IllegalStateException("the single video failed: " + alone.error() + ": " + alone.cause());
      }
      int inputsPerVideo = one.cohereInputs;

      List<JsonNode> burst = events(youtube, admin, "burst", videos);
      RequestCounts start = RequestCounts.of(youtube, cohere);
      int refusedBefore = cohere.rateLimitedCalls();
      System.out.printf(Locale.ROOT, "bench-burst: %d videos at once (%d Cohere inputs each), max_connections %d,"
              + " FunctionConcurrency %d (budget %d connections), account concurrency %d, Cohere %d inputs/min,"
              + " time scale %.3f (a minute lasts %.1f s)%s%n", videos, inputsPerVideo, maxConnections,
          functionConcurrency, budget, accountConcurrency, COHERE_INPUTS_PER_MINUTE, scale, minute.toMillis() / 1000.0,
          outage ? ", the database down for a stretch" : "");

      AtomicLong peak = new AtomicLong();
      AtomicBoolean sampling = new AtomicBoolean(true);
      Thread sampler = Thread.ofPlatform().daemon().start(() -> sample(peak, sampling));
      double estimatedBoundSeconds = (double) videos * inputsPerVideo / COHERE_INPUTS_PER_MINUTE * minute.toMillis() / 1000.0;
      Thread outageThread = outage ? Thread.ofPlatform().daemon().start(() -> outage(estimatedBoundSeconds)) : null;

      long t0 = System.nanoTime();
      List<Execution> executions = new ArrayList<>();
      try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
        List<Future<Execution>> futures = new ArrayList<>();
        for (JsonNode event : burst) {
          futures.add(pool.submit(() -> machine.start(event)));
        }
        for (Future<Execution> future : futures) {
          executions.add(future.get(2, TimeUnit.HOURS));
        }
      }
      double wallSeconds = (System.nanoTime() - t0) / 1e9;
      sampling.set(false);
      sampler.join();
      if (outageThread != null) {
        outageThread.join();
      }
      RequestCounts all = RequestCounts.of(youtube, cohere).minus(start);
      // The inputs the burst needed (chunk counts differ a little between videos), at Cohere's rate.
      long burstInputs = Long.parseLong(query(admin, "SELECT coalesce(sum(jsonb_array_length(transcript -> 'chunks')), 0)"
          + " FROM videos WHERE id LIKE 'rec_burst%'"));
      double lowerBoundSeconds = (double) burstInputs / COHERE_INPUTS_PER_MINUTE * minute.toMillis() / 1000.0;

      Map<ExecutionStatus, Integer> outcomes = new TreeMap<>();
      executions.forEach(e -> outcomes.merge(e.status(), 1, Integer::sum));
      long pending = Long.parseLong(query(admin, "SELECT count(*) FROM videos WHERE id LIKE 'rec_burst%'"
          + " AND status NOT IN ('ready', 'failed')"));
      long ready = Long.parseLong(query(admin, "SELECT count(*) FROM videos WHERE id LIKE 'rec_burst%' AND status = 'ready'"));
      System.out.printf(Locale.ROOT, "executions: %s; rows ready %d, left pending %d%n", outcomes, ready, pending);
      executions.stream().filter(e -> e.status() != ExecutionStatus.SUCCEEDED).limit(3).forEach(e ->
          System.out.println("  not succeeded: " + e.status() + " " + e.error() + ": " + shorten(e.cause())));
      System.out.printf(Locale.ROOT, "peak connections of the stack (pg_stat_activity, role %s, sampled every 20 ms):"
          + " %d (budget %d, max_connections %d)%n", ROLE, peak.get(), budget, maxConnections);
      System.out.printf(Locale.ROOT, "Cohere: %d requests, %d answered 429, %d inputs embedded%n",
          all.cohereRequests, cohere.rateLimitedCalls() - refusedBefore, all.cohereInputs);
      System.out.printf(Locale.ROOT, "YouTube requests per video: %.2f Data API, %.2f caption downloads"
              + " (one video alone: %d and %d)%n", (double) all.dataApi / videos, (double) all.captions / videos,
          one.dataApi, one.captions);
      Map<String, Integer> retries = new TreeMap<>();
      executions.forEach(e -> e.history().stream().filter(h -> h.type() == com.youtubechat.local.HistoryEvent.Type.RETRY)
          .forEach(h -> retries.merge(h.state() + " " + h.error().substring(h.error().lastIndexOf('.') + 1), 1,
              Integer::sum)));
      System.out.println("retries waited in Step Functions, by state and error: " + retries);
      invoker.stats().forEach((function, stats) -> System.out.printf(Locale.ROOT,
          "  %-22s peak concurrency %3d, cold starts %3d, invocations %5d, throttles %5d%n", function,
          stats.peakConcurrency(), stats.coldStarts(), stats.invocations(), stats.throttles()));
      System.out.printf(Locale.ROOT, "wall time %.1f s; Cohere lower bound %.1f s (%d inputs at %d a minute,"
              + " scaled); ratio %.2f%n", wallSeconds, lowerBoundSeconds, burstInputs,
          COHERE_INPUTS_PER_MINUTE, wallSeconds / lowerBoundSeconds);
      // What the design promises, checked so that CI's quick run fails when it no longer holds.
      if (outcomes.getOrDefault(ExecutionStatus.SUCCEEDED, 0) != videos || pending > 0 || peak.get() > budget) {
        System.out.println("bench-burst: FAILED: every video must succeed, none stay pending, and the stack stay"
            + " within its connection budget");
        System.exit(1);
      }
    }
  }

  /** Inserts {@code count} rows and their fake videos; returns one insert event per row. */
  private static List<JsonNode> events(YoutubeEmulator youtube, XataConnection admin, String prefix, int count)
      throws Exception {
    JsonNode sample = Json.MAPPER.readTree(Files.readString(ROOT.resolve("events/eventbridge-insert.json")));
    List<JsonNode> events = new ArrayList<>();
    for (int i = 0; i < count; i++) {
      String id = String.format(Locale.ROOT, "rec_%s%05d", prefix, i);
      String youtubeId = String.format(Locale.ROOT, "%s%05d", prefix.substring(0, 1), i);
      youtubeId = (youtubeId + "xxxxxxxxxxx").substring(0, 11);
      youtube.add(new FakeVideo(youtubeId).track("en", false, track(i)));
      TestDatabase.insertVideo(admin, id, youtubeId, null);
      ObjectNode event = sample.deepCopy();
      ((ObjectNode) event.path("detail")).put("id", id).put("youtubeId", youtubeId).remove("url");
      events.add(event);
    }
    return events;
  }

  /** About ten chunks of caption text: Cohere inputs of one video, as in the README's 1,000-video figure. */
  private static String track(int video) {
    StringBuilder xml = new StringBuilder("<transcript>");
    for (int line = 0; line < 115; line++) {
      xml.append("<text start=\"").append(line * 3).append("\" dur=\"2.9\">Video ").append(video).append(", line ")
          .append(line).append(": one more idea about the topic, said plainly.</text>");
    }
    return xml.append("</transcript>").toString();
  }

  private static void sample(AtomicLong peak, AtomicBoolean sampling) {
    try (XataConnection sampler = new XataConnection(TestDatabase.settings())) {
      while (sampling.get()) {
        try {
          peak.accumulateAndGet(Long.parseLong(query(sampler, "SELECT count(*) FROM pg_stat_activity WHERE usename = '"
              + ROLE + "'")), Math::max);
        } catch (RuntimeException databaseDown) {
          // the outage variant: nothing to sample until it is back
        }
        Thread.sleep(20);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops the database a quarter of the way into the burst for a quarter of its lower bound. */
  private static void outage(double lowerBoundSeconds) {
    try {
      Thread.sleep(Math.round(lowerBoundSeconds * 250));
      TestDatabase.stopServer();
      System.out.printf(Locale.ROOT, "  database stopped for %.1f s%n", lowerBoundSeconds / 4);
      Thread.sleep(Math.round(lowerBoundSeconds * 250));
      TestDatabase.startServer();
      System.out.println("  database started again");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static String query(XataConnection database, String sql) {
    return database.run("bench query", connection -> {
      try (ResultSet rs = connection.createStatement().executeQuery(sql)) {
        rs.next();
        return rs.getString(1);
      }
    });
  }

  private static String shorten(String text) {
    return text == null ? "" : text.length() > 200 ? text.substring(0, 200) + "..." : text;
  }

  /** Requests the emulators have received so far. */
  private record RequestCounts(int dataApi, int captions, int cohereRequests, int cohereInputs) {

    static RequestCounts of(YoutubeEmulator youtube, CohereEmulator cohere) {
      return new RequestCounts(youtube.requests("/youtube/v3/videos").size(), youtube.requests("/api/timedtext").size(),
          cohere.calls().size(), cohere.successfulCalls().stream().mapToInt(call -> call.texts().size()).sum());
    }

    RequestCounts minus(RequestCounts earlier) {
      return new RequestCounts(dataApi - earlier.dataApi, captions - earlier.captions,
          cohereRequests - earlier.cohereRequests, cohereInputs - earlier.cohereInputs);
    }
  }
}
