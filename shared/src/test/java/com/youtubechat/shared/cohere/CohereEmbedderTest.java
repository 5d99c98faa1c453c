package com.youtubechat.shared.cohere;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.error.CohereAuthenticationException;
import com.youtubechat.shared.error.CohereRequestRejectedException;
import com.youtubechat.shared.error.EmbeddingDimensionMismatchException;
import com.youtubechat.shared.error.TransientException;
import com.youtubechat.emulators.CohereEmulator;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
  void retries_stopAtTheDeadline() {
    cohere.failWhenTextContains("chunk", 503);
    cohere.failNext(429, 1, 30);
    TransientException e = assertThrows(TransientException.class,
        () -> embedder(Map.of()).embed(texts(2), 1024, Instant.now().plusSeconds(2)));
    // Given up at once on the 429: had it slept the 30 s, the deadline would have passed and the
    // message would say it ran out of time instead.
    assertTrue(e.getMessage().contains("failed 1 time(s), last with HTTP 429"), e.getMessage());
    assertEquals(1, cohere.calls().size());
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
