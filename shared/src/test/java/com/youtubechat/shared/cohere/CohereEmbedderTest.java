package com.youtubechat.shared.cohere;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.error.CohereAuthenticationException;
import com.youtubechat.shared.error.CohereRateLimitedException;
import com.youtubechat.shared.error.CohereRequestRejectedException;
import com.youtubechat.shared.error.EmbeddingDimensionMismatchException;
import com.youtubechat.shared.error.TransientException;
import com.youtubechat.emulators.CohereEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class CohereEmbedderTest {

  private static final Instant LATER = Instant.now().plusSeconds(120);

  private final CohereEmulator cohere = new CohereEmulator();

  @AfterEach
  void stop() {
    cohere.close();
  }

  private CohereEmbedder embedder(Map<String, String> overrides) {
    Map<String, String> env = new HashMap<>(cohere.environment());
    env.putAll(overrides);
    ConfigReader config = new ConfigReader(env);
    CohereSettings settings = CohereSettings.read(config);
    config.validate();
    return new CohereEmbedder(settings, CohereEmbedder.MAX_TEXTS_PER_CALL, Duration.ofMillis(20), Duration.ofMillis(200));
  }

  private static List<String> texts(int count) {
    return IntStream.range(0, count).mapToObj(i -> "chunk number " + i + " of the transcript.").toList();
  }

  @Test
  void texts_areSentInBatchesOf96AndComeBackInOrder() {
    List<String> texts = texts(250);

    CohereEmbedder.Result result = embedder(Map.of()).embed(texts, 1024, LATER);

    assertEquals(3, result.calls());
    assertEquals(3, cohere.calls().size());
    assertEquals(List.of(96, 96, 58), cohere.calls().stream().map(c -> c.texts().size()).sorted((a, b) -> b - a).toList());
    assertEquals(250, result.vectors().size());
    for (int i = 0; i < texts.size(); i++) {
      assertArrayEquals(CohereEmulator.vectorFor(texts.get(i), 1024), result.vectors().get(i), "vector " + i);
    }
  }

  @Test
  void request_usesV2SearchDocumentFloatsAndNoTruncation() {
    embedder(Map.of()).embed(texts(1), 1024, LATER);

    CohereEmulator.Call call = cohere.calls().get(0);
    JsonNode body = call.body();
    assertEquals("Bearer " + CohereEmulator.API_KEY, call.authorization());
    assertEquals("embed-english-v3.0", body.get("model").asText());
    assertEquals("search_document", body.get("input_type").asText());
    assertEquals("[\"float\"]", body.get("embedding_types").toString());
    assertEquals("NONE", body.get("truncate").asText());
  }

  @Test
  void batches_runConcurrentlyWithinTheConfiguredBound() {
    cohere.latency(150);
    embedder(Map.of("COHERE_CONCURRENCY", "3")).embed(texts(96 * 5), 1024, LATER);
    assertEquals(3, cohere.maxConcurrentCalls());
  }

  @Test
  void concurrencyOfOne_callsOneAfterAnother() {
    cohere.latency(50);
    embedder(Map.of("COHERE_CONCURRENCY", "1")).embed(texts(96 * 3), 1024, LATER);
    assertEquals(1, cohere.maxConcurrentCalls());
  }

  @Test
  void http429WithRetryAfter_waitsThatLongThenSucceeds() {
    cohere.failNext(429, 1, 1);
    long start = System.nanoTime();

    CohereEmbedder.Result result = embedder(Map.of()).embed(texts(3), 1024, LATER);

    long waitedMillis = (System.nanoTime() - start) / 1_000_000;
    assertTrue(waitedMillis >= 950, "Retry-After: 1 honoured, waited " + waitedMillis + " ms");
    assertEquals(2, cohere.calls().size());
    assertEquals(2, result.attempts());
    assertEquals(3, result.vectors().size());
  }

  @Test
  void plainText429_isRetriedLikeAJsonOne() {
    cohere.failNextWithPlainText429();
    assertEquals(3, embedder(Map.of()).embed(texts(3), 1024, LATER).vectors().size());
    assertEquals(2, cohere.calls().size());
  }

  @Test
  void persistentServerError_isRetriedByThisClientOnlyThenTransient() {
    cohere.failWhenTextContains("chunk", 500);
    TransientException e = assertThrows(TransientException.class,
        () -> embedder(Map.of("COHERE_MAX_ATTEMPTS", "3")).embed(texts(2), 1024, LATER));
    // The SDK's own retries are off: exactly this client's 3 attempts reached Cohere.
    assertEquals(3, cohere.calls().size());
    assertTrue(e.getMessage().contains("HTTP 500"), e.getMessage());
  }

  @Test
  void retryAfterBeyondTheDeadline_isLeftToTheStateMachineAtOnce() {
    cohere.failNext(429, 1, 3);
    CohereRateLimitedException e = assertThrows(CohereRateLimitedException.class,
        () -> embedder(Map.of("COHERE_MAX_WAIT_SECONDS", "60")).embed(texts(2), 1024, Instant.now().plusSeconds(2)));
    // Given up at once: had it slept the 3 s, the deadline would have passed and no exception would
    // name the 429 as its last failure.
    assertTrue(e.getMessage().contains("HTTP 429") && e.getMessage().contains("Retry-After 3 s"), e.getMessage());
    assertEquals(Duration.ofSeconds(3), e.retryAfter().orElseThrow());
    assertEquals(1, cohere.calls().size());
  }

  @Test
  void retryAfterLongerThanTheLambdaShouldSleep_isACapacityErrorWithoutWaiting() {
    cohere.failNext(429, 1, 20);
    CohereRateLimitedException e = assertThrows(CohereRateLimitedException.class,
        () -> embedder(Map.of()).embed(texts(2), 1024, LATER));
    assertTrue(e.retryable());
    assertTrue(e.getMessage().contains("Retry-After 20 s") && e.getMessage().contains("2,000 inputs a minute"),
        e.getMessage());
    assertEquals(1, cohere.calls().size(), "no second call: the state machine waits, not this Lambda");
  }

  @Test
  void jitterAbove_neverWaitsLessThanAskedAndSpreadsTheClients() {
    java.util.Set<Long> distinct = new java.util.HashSet<>();
    for (int i = 0; i < 200; i++) {
      long delay = CohereEmbedder.jitterAbove(Duration.ofSeconds(2)).toMillis();
      assertTrue(delay >= 2_000 && delay <= 4_000, String.valueOf(delay));
      distinct.add(delay / 100);
    }
    assertTrue(distinct.size() >= 10, "200 delays fall into " + distinct.size() + " of the 21 100-ms buckets");
  }

  @Test
  void rateLimitStorm_clientsRetryAtSpreadTimesNotInLockStep() throws Exception {
    // 20 Lambdas embed at once against a limit that lets 4 through a second: the others get 429 with
    // the same Retry-After at about the same moment. Their second attempts must not arrive together.
    cohere.rateLimit(4 * 3, Duration.ofSeconds(1));
    List<CohereEmbedder> lambdas = IntStream.range(0, 20).mapToObj(i -> embedder(Map.of("COHERE_MAX_ATTEMPTS", "20")))
        .toList();
    List<Future<CohereEmbedder.Result>> results = new java.util.ArrayList<>();
    try (ExecutorService pool = Executors.newFixedThreadPool(lambdas.size())) {
      for (int i = 0; i < lambdas.size(); i++) {
        int lambda = i;
        results.add(pool.submit(() -> lambdas.get(lambda).embed(
            IntStream.range(0, 3).mapToObj(t -> "lambda " + lambda + " text " + t).toList(), 1024, LATER)));
      }
      for (Future<CohereEmbedder.Result> result : results) {
        assertEquals(3, result.get().vectors().size());
      }
    }
    assertTrue(cohere.rateLimitedCalls() >= 16, "the limit refused " + cohere.rateLimitedCalls());
    // Each refused Lambda waits Retry-After (1 s) plus a random share of it. Lock-step retries would
    // arrive within milliseconds of each other; these spread over most of a second.
    Map<String, List<Long>> arrivalsByLambda = new HashMap<>();
    for (CohereEmulator.Call call : cohere.calls()) {
      arrivalsByLambda.computeIfAbsent(call.texts().get(0).split(" text ")[0], k -> new java.util.ArrayList<>())
          .add(call.receivedAtNanos());
    }
    List<Long> secondAttempts = arrivalsByLambda.values().stream().filter(times -> times.size() > 1)
        .map(times -> times.stream().sorted().toList().get(1)).sorted().toList();
    assertTrue(secondAttempts.size() >= 16, "second attempts: " + secondAttempts.size());
    long spreadMillis = (secondAttempts.getLast() - secondAttempts.getFirst()) / 1_000_000;
    assertTrue(spreadMillis >= 300, secondAttempts.size() + " second attempts arrived within " + spreadMillis
        + " ms of each other");
  }

  @Test
  void wrongKey_isAPermanentErrorThatNamesTheVariable() {
    CohereAuthenticationException e = assertThrows(CohereAuthenticationException.class,
        () -> embedder(Map.of("COHERE_API_KEY", "wrong-key-42")).embed(texts(2), 1024, LATER));
    assertTrue(e.getMessage().contains("COHERE_API_KEY"), e.getMessage());
    assertFalse(e.getMessage().contains("wrong-key-42"));
    assertEquals(1, cohere.calls().size(), "no retry of a wrong key");
  }

  @Test
  void http498_isAlsoAKeyProblem() {
    cohere.failNext(498, 1, 0);
    assertThrows(CohereAuthenticationException.class, () -> embedder(Map.of()).embed(texts(1), 1024, LATER));
  }

  @Test
  void overLongText_isRejectedWithCoheresMessageNotTruncated() {
    String tooLong = "word ".repeat(600);
    CohereRequestRejectedException e = assertThrows(CohereRequestRejectedException.class,
        () -> embedder(Map.of()).embed(List.of(tooLong), 1024, LATER));
    assertTrue(e.getMessage().contains("too many tokens"), e.getMessage());
  }

  @Test
  void modelWithAnotherDimension_isNamedWithBothNumbers() {
    EmbeddingDimensionMismatchException e = assertThrows(EmbeddingDimensionMismatchException.class,
        () -> embedder(Map.of("COHERE_MODEL", "embed-english-light-v3.0")).embed(texts(1), 1024, LATER));
    assertTrue(e.getMessage().contains("embed-english-light-v3.0"), e.getMessage());
    assertTrue(e.getMessage().contains("384") && e.getMessage().contains("1024"), e.getMessage());
  }

  @Test
  void retryAfter_readsSecondsAndHttpDatesCaseInsensitively() {
    assertEquals(Duration.ofSeconds(7), CohereEmbedder.retryAfter(Map.of("retry-after", List.of("7"))).orElseThrow());
    assertTrue(CohereEmbedder.retryAfter(Map.of("Retry-After", List.of("Wed, 21 Oct 2015 07:28:00 GMT")))
        .orElseThrow().isZero(), "a date in the past means now");
    assertTrue(CohereEmbedder.retryAfter(Map.of("X-Other", List.of("7"))).isEmpty());
  }

  @Test
  void fullJitter_staysWithinTheGrowingCeiling() {
    CohereEmbedder embedder = embedder(Map.of());
    for (int attempt = 1; attempt <= 8; attempt++) {
      long ceiling = Math.min(200, 20L << (attempt - 1));
      for (int i = 0; i < 50; i++) {
        long delay = embedder.fullJitter(attempt).toMillis();
        assertTrue(delay >= 0 && delay <= ceiling, attempt + ": " + delay);
      }
    }
  }
}
