package com.youtubechat.shared.cohere;

import com.cohere.api.Cohere;
import com.cohere.api.core.CohereApiException;
import com.cohere.api.core.CohereException;
import com.cohere.api.core.RequestOptions;
import com.cohere.api.resources.v2.requests.V2EmbedRequest;
import com.cohere.api.resources.v2.types.V2EmbedRequestTruncate;
import com.cohere.api.types.EmbedByTypeResponse;
import com.cohere.api.types.EmbedInputType;
import com.cohere.api.types.EmbeddingType;
import com.youtubechat.shared.error.CohereAuthenticationException;
import com.youtubechat.shared.error.CohereRateLimitedException;
import com.youtubechat.shared.error.CohereRequestRejectedException;
import com.youtubechat.shared.error.CohereResponseInvalidException;
import com.youtubechat.shared.error.EmbeddingDimensionMismatchException;
import com.youtubechat.shared.error.TransientException;
import com.youtubechat.shared.error.YoutubeChatException;
import com.youtubechat.shared.log.Log;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Embeds texts with Cohere's v2 embed API through cohere-java: up to 96 texts per call, the calls
 * for one video run concurrently (at most {@code COHERE_CONCURRENCY} at once), input type
 * {@code search_document}, float vectors, {@code truncate: NONE} (chunks are sized to fit; an
 * over-long one is a bug to surface, not to hide).
 *
 * <p>The SDK's own retries are off: its retry budget is shared by every request a client instance
 * ever makes, so a container-long client stops retrying after its first two. This class retries
 * 5xx, timeouts and network failures itself with exponential backoff and full jitter, never past the
 * deadline (the time the Lambda has left); what is still failing then becomes a
 * {@link TransientException} for the state machine to retry.
 *
 * <p>A 429 (the rate limit, e.g. 2,000 inputs a minute) is waited out here only when the wait is
 * short ({@code COHERE_MAX_WAIT_SECONDS}): {@code Retry-After} plus a random share of it, so the
 * clients that were refused together do not come back together. A longer wait becomes a
 * {@link CohereRateLimitedException}, which the state machine waits out for free, instead of a
 * Lambda sleeping on its concurrency and its database connection.
 */
public final class CohereEmbedder {

  public static final int MAX_TEXTS_PER_CALL = 96;
  private static final System.Logger LOG = Log.get(CohereEmbedder.class);
  /** Jitter source: SecureRandom draws from the OS on use, so a SnapStart snapshot freezes no seed. */
  private static final ThreadLocal<SecureRandom> JITTER = ThreadLocal.withInitial(SecureRandom::new);

  /** What an embedding run did, for logs and benchmarks. */
  public record Result(List<float[]> vectors, int calls, int attempts) {}

  private final Cohere cohere;
  private final CohereSettings settings;
  private final int batchSize;
  private final Duration backoffBase;
  private final Duration backoffCap;

  public CohereEmbedder(CohereSettings settings) {
    this(settings, MAX_TEXTS_PER_CALL, Duration.ofMillis(500), Duration.ofSeconds(20));
  }

  /** With another batch size (the benchmark compares designs) and backoff (tests keep it short). */
  public CohereEmbedder(CohereSettings settings, int batchSize, Duration backoffBase, Duration backoffCap) {
    if (batchSize < 1 || batchSize > MAX_TEXTS_PER_CALL) {
      throw new IllegalArgumentException("batchSize must be 1.." + MAX_TEXTS_PER_CALL);
    }
    this.settings = settings;
    this.batchSize = batchSize;
    this.backoffBase = backoffBase;
    this.backoffCap = backoffCap;
    this.cohere = Cohere.builder()
        .token(settings.apiKey())
        .clientName("youtube-chat")
        .url(settings.baseUrl().toString())
        .timeout((int) settings.callTimeout().toSeconds())
        .maxRetries(0)
        .build();
  }

  /** Builds and serialises a request and reads a canned answer through the SDK, sending nothing. */
  public void warm() {
    try {
      com.cohere.api.core.ObjectMappers.JSON_MAPPER.writeValueAsString(request(List.of("warm-up")));
      EmbedByTypeResponse response = com.cohere.api.core.ObjectMappers.JSON_MAPPER.readValue(
          "{\"id\":\"w\",\"texts\":[\"warm-up\"],\"embeddings\":{\"float\":[[0.5,0.25]]},"
              + "\"meta\":{\"api_version\":{\"version\":\"2\"}},\"response_type\":\"embeddings_by_type\"}",
          EmbedByTypeResponse.class);
      vectors(response, 1, 2, "warm-up");
      retryAfter(Map.of("Retry-After", List.of("1")));
    } catch (java.io.IOException e) {
      throw new IllegalStateException("Cohere warm-up failed", e);
    }
  }

  /**
   * One vector of {@code dimensions} floats per text, in the texts' order. Throws the first
   * permanent failure, or a {@link TransientException} when a batch still fails at the deadline.
   */
  public Result embed(List<String> texts, int dimensions, Instant deadline) {
    List<List<String>> batches = new ArrayList<>();
    for (int from = 0; from < texts.size(); from += batchSize) {
      batches.add(texts.subList(from, Math.min(texts.size(), from + batchSize)));
    }
    AtomicInteger attempts = new AtomicInteger();
    Semaphore slots = new Semaphore(settings.concurrency());
    List<float[]> vectors = new ArrayList<>(texts.size());
    try (ExecutorService executor = Executors.newVirtualThreadPerTaskExecutor()) {
      List<Future<List<float[]>>> futures = new ArrayList<>();
      for (int i = 0; i < batches.size(); i++) {
        List<String> batch = batches.get(i);
        int number = i + 1;
        futures.add(executor.submit(() -> {
          slots.acquire();
          try {
            return embedBatch(batch, number, batches.size(), dimensions, deadline, attempts);
          } finally {
            slots.release();
          }
        }));
      }
      for (Future<List<float[]>> future : futures) {
        try {
          vectors.addAll(future.get());
        } catch (ExecutionException e) {
          futures.forEach(f -> f.cancel(true)); // one failed batch fails the video: stop the others
          throw e.getCause() instanceof YoutubeChatException failure ? failure
              : new IllegalStateException("embedding failed", e.getCause());
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new TransientException("Interrupted while waiting for Cohere", e);
    }
    return new Result(vectors, batches.size(), attempts.get());
  }

  private List<float[]> embedBatch(List<String> texts, int number, int of, int dimensions, Instant deadline,
      AtomicInteger attempts) throws InterruptedException {
    String what = "Cohere embed call " + number + "/" + of + " (" + texts.size() + " texts, model "
        + settings.model() + ")";
    for (int attempt = 1; ; attempt++) {
      Duration left = Duration.between(Instant.now(), deadline);
      if (left.isNegative() || left.isZero()) {
        throw new TransientException(what + " ran out of time before attempt " + attempt);
      }
      attempts.incrementAndGet();
      String failure;
      boolean rateLimited = false;
      Optional<Duration> retryAfter = Optional.empty();
      try {
        EmbedByTypeResponse response = cohere.v2().embed(request(texts), RequestOptions.builder()
            .timeout((int) Math.max(1, Math.min(settings.callTimeout().toMillis(), left.toMillis())),
                TimeUnit.MILLISECONDS)
            .build());
        return vectors(response, texts.size(), dimensions, what);
      } catch (CohereApiException e) {
        int status = e.statusCode();
        if (status == 401 || status == 498) {
          throw new CohereAuthenticationException("Cohere refused the API key with HTTP " + status + " ("
              + message(e) + "): check COHERE_API_KEY");
        }
        if (status != 408 && status != 429 && status < 500) {
          throw new CohereRequestRejectedException(what + " was refused with HTTP " + status + ": " + message(e));
        }
        failure = "HTTP " + status + " (" + message(e) + ")";
        rateLimited = status == 429;
        retryAfter = retryAfter(e.headers());
      } catch (CohereException e) {
        // Network failures, timeouts and unreadable answers: the SDK wraps them all alike.
        failure = e.getMessage() + (e.getCause() == null ? "" : ": " + e.getCause());
      }
      Duration delay = retryAfter.isPresent() ? jitterAbove(retryAfter.get()) : fullJitter(attempt);
      boolean outOfAttempts = attempt >= settings.maxAttempts() || Instant.now().plus(delay).isAfter(deadline);
      if (rateLimited && (outOfAttempts || delay.compareTo(settings.maxRateLimitWait()) > 0)) {
        throw new CohereRateLimitedException(what + " was refused by Cohere's rate limit (" + failure + ", attempt "
            + attempt + (retryAfter.map(d -> ", Retry-After " + d.toSeconds() + " s").orElse("")) + "); the state"
            + " machine tries the step again later. If this lasts, the key's rate (2,000 inputs a minute for trial"
            + " and production keys) is too low for the load", retryAfter.orElse(null));
      }
      if (outOfAttempts) {
        throw new TransientException(what + " failed " + attempt + " time(s), last with " + failure
            + "; giving up for now so the state machine can retry later");
      }
      LOG.log(System.Logger.Level.INFO, "{0} failed with {1}; retrying in {2} ms", what, failure,
          String.valueOf(delay.toMillis()));
      Thread.sleep(delay.toMillis());
    }
  }

  private V2EmbedRequest request(List<String> texts) {
    return V2EmbedRequest.builder()
        .model(settings.model())
        .inputType(EmbedInputType.SEARCH_DOCUMENT)
        .texts(texts)
        .embeddingTypes(List.of(EmbeddingType.FLOAT))
        .truncate(V2EmbedRequestTruncate.NONE)
        .build();
  }

  private List<float[]> vectors(EmbedByTypeResponse response, int expected, int dimensions, String what) {
    List<List<Double>> floats = response.getEmbeddings().getFloat().orElseThrow(() ->
        new CohereResponseInvalidException(what + " returned no float embeddings"));
    if (floats.size() != expected) {
      throw new CohereResponseInvalidException(what + " returned " + floats.size() + " vectors for "
          + expected + " texts");
    }
    List<float[]> out = new ArrayList<>(floats.size());
    for (List<Double> vector : floats) {
      if (vector.size() != dimensions) {
        throw new EmbeddingDimensionMismatchException("Model " + settings.model() + " returns vectors of "
            + vector.size() + " dimensions, but the embeddings column holds " + dimensions
            + ": set COHERE_MODEL to a " + dimensions + "-dimension model such as embed-english-v3.0");
      }
      float[] values = new float[dimensions];
      for (int i = 0; i < dimensions; i++) {
        values[i] = vector.get(i).floatValue();
      }
      out.add(values);
    }
    return out;
  }

  /**
   * A delay in [wait, 2 * wait]: at least what the server asked for, plus a random share of it, so
   * that clients refused at the same moment spread out instead of retrying in lock-step.
   */
  static Duration jitterAbove(Duration wait) {
    long millis = wait.toMillis();
    return Duration.ofMillis(millis + JITTER.get().nextLong(Math.max(1, millis) + 1));
  }

  /** A random delay in [0, min(cap, base * 2^(attempt-1))]: "full jitter". */
  Duration fullJitter(int attempt) {
    long ceiling = Math.min(backoffCap.toMillis(), backoffBase.toMillis() << Math.min(attempt - 1, 20));
    return Duration.ofMillis(JITTER.get().nextLong(ceiling + 1));
  }

  /** {@code Retry-After} as seconds or an HTTP date; header names compared case-insensitively. */
  static Optional<Duration> retryAfter(Map<String, List<String>> headers) {
    if (headers == null) {
      return Optional.empty();
    }
    for (var entry : headers.entrySet()) {
      if (entry.getKey() != null && entry.getKey().equalsIgnoreCase("Retry-After") && !entry.getValue().isEmpty()) {
        String value = entry.getValue().get(0).strip();
        try {
          long seconds = Long.parseLong(value);
          return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException notSeconds) {
          try {
            Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
            Duration wait = Duration.between(Instant.now(), at);
            return Optional.of(wait.isNegative() ? Duration.ZERO : wait);
          } catch (DateTimeParseException notADate) {
            return Optional.empty();
          }
        }
      }
    }
    return Optional.empty();
  }

  private static String message(CohereApiException e) {
    Object body = e.body();
    if (body instanceof Map<?, ?> map && map.get("message") != null) {
      return String.valueOf(map.get("message"));
    }
    String text = String.valueOf(body);
    return text.length() > 300 ? text.substring(0, 300) + "..." : text;
  }
}
