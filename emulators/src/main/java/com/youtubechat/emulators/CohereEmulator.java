package com.youtubechat.emulators;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import mockwebserver3.Dispatcher;
import mockwebserver3.MockResponse;
import mockwebserver3.MockWebServer;
import mockwebserver3.RecordedRequest;
import okhttp3.Headers;

/**
 * Cohere's v2 embed API on loopback: bearer auth, request validation as the real API words it
 * (models and their dimensions, input_type, 1 to 96 non-empty texts, a 512-token input limit that
 * {@code truncate: NONE} turns into a 400), deterministic unit vectors derived from each text, and
 * fault injection: queued statuses (with or without {@code Retry-After}, JSON or plain-text bodies),
 * a persistent failure for requests containing a marker text, a fixed latency per call, and a rate
 * limit in inputs per window (Cohere's is 2,000 embed inputs a minute; a load test shrinks the
 * window to scale time) answered with 429 and a {@code Retry-After} as the real API does.
 */
public final class CohereEmulator extends Dispatcher implements AutoCloseable {

  public static final String API_KEY = "test-cohere-key";
  private static final Map<String, Integer> MODELS = Map.of(
      "embed-english-v3.0", 1024, "embed-english-light-v3.0", 384,
      "embed-multilingual-v3.0", 1024, "embed-multilingual-light-v3.0", 384, "embed-v4.0", 1536);
  private static final int MAX_TOKENS = 512;

  /** One accepted or refused embed request, as received, and when ({@link System#nanoTime()}). */
  public record Call(List<String> texts, JsonNode body, String authorization, long receivedAtNanos) {

    Call(List<String> texts, JsonNode body, String authorization) {
      this(texts, body, authorization, System.nanoTime());
    }
  }

  private final MockWebServer server = new MockWebServer();
  private final List<Call> calls = new CopyOnWriteArrayList<>();
  private final Deque<MockResponse> queued = new ArrayDeque<>();
  private final Map<String, Integer> failingMarkers = new HashMap<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicInteger maxInFlight = new AtomicInteger();
  private volatile long latencyMillis;
  /** Rate limit: inputs accepted per window, and the accepted calls' times and sizes in the window. */
  private int rateLimitInputs;
  private long rateLimitWindowNanos;
  private final Deque<long[]> acceptedInWindow = new ArrayDeque<>();
  private final AtomicInteger rateLimited = new AtomicInteger();

  public CohereEmulator() {
    server.setDispatcher(this);
    try {
      server.start();
    } catch (IOException e) {
      throw new IllegalStateException("cannot start the Cohere emulator", e);
    }
  }

  public String baseUrl() {
    return "http://127.0.0.1:" + server.getPort();
  }

  public Map<String, String> environment() {
    return Map.of("COHERE_API_KEY", API_KEY, "COHERE_BASE_URL", baseUrl());
  }

  /** Every call takes at least this long (the benchmark's stand-in for network and model time). */
  public void latency(long millis) {
    this.latencyMillis = millis;
  }

  /**
   * Accepts at most {@code inputs} texts per sliding {@code window}; a call that would exceed it gets
   * HTTP 429 with {@code Retry-After} (whole seconds, at least 1) until enough of the window has
   * passed. {@code inputs <= 0} turns the limit off.
   */
  public synchronized void rateLimit(int inputs, java.time.Duration window) {
    this.rateLimitInputs = inputs;
    this.rateLimitWindowNanos = window.toNanos();
    acceptedInWindow.clear();
  }

  /** How many calls the rate limit refused. */
  public int rateLimitedCalls() {
    return rateLimited.get();
  }

  /** The next {@code times} requests get {@code status} with a JSON message (and Retry-After if > 0). */
  public synchronized void failNext(int status, int times, int retryAfterSeconds) {
    for (int i = 0; i < times; i++) {
      Headers.Builder headers = new Headers.Builder().add("Content-Type", "application/json");
      if (retryAfterSeconds > 0) {
        headers.add("Retry-After", String.valueOf(retryAfterSeconds));
      }
      queued.add(new MockResponse(status, headers.build(), EmulatorJson.write(Map.of("message",
          status == 429 ? "You are past the per minute request limit, please wait and try again later."
              : "internal server error, this has been reported to our developers"))));
    }
  }

  /** The next {@code times} authenticated requests meet {@code fault}. */
  public synchronized void inject(Fault fault, int times) {
    for (int i = 0; i < times; i++) {
      queued.add(fault.response());
    }
  }

  /** The next request gets a 429 with a plain-text body, which the SDK does not map to its error class. */
  public synchronized void failNextWithPlainText429() {
    queued.add(new MockResponse(429, Headers.of("Content-Type", "text/plain"), "Too Many Requests"));
  }

  /** Every request holding a text that contains {@code marker} fails with {@code status}, for good. */
  public synchronized void failWhenTextContains(String marker, int status) {
    failingMarkers.put(marker, status);
  }

  public List<Call> calls() {
    return List.copyOf(calls);
  }

  /** Requests that were answered with vectors. */
  public List<Call> successfulCalls() {
    return calls.stream().filter(c -> c.body().has("_ok")).toList();
  }

  public int maxConcurrentCalls() {
    return maxInFlight.get();
  }

  @Override
  public MockResponse dispatch(RecordedRequest request) throws InterruptedException {
    int now = inFlight.incrementAndGet();
    maxInFlight.accumulateAndGet(now, Math::max);
    try {
      if (latencyMillis > 0) {
        Thread.sleep(latencyMillis);
      }
      return answer(request);
    } finally {
      inFlight.decrementAndGet();
    }
  }

  private MockResponse answer(RecordedRequest request) {
    if (!"POST".equals(request.getMethod()) || !"/v2/embed".equals(request.getUrl().encodedPath())) {
      return error(404, "404 page not found");
    }
    String authorization = request.getHeaders().get("Authorization");
    ObjectNode body;
    List<String> texts = new ArrayList<>();
    try {
      JsonNode parsed = EmulatorJson.MAPPER.readTree(request.getBody() == null ? "" : request.getBody().utf8());
      body = parsed instanceof ObjectNode object ? object : EmulatorJson.MAPPER.createObjectNode();
      body.path("texts").forEach(t -> texts.add(t.asText()));
    } catch (IOException e) {
      calls.add(new Call(texts, EmulatorJson.MAPPER.createObjectNode(), authorization));
      return error(400, "invalid json syntax: " + e.getMessage());
    }
    calls.add(new Call(texts, body, authorization));
    if (authorization == null || !authorization.startsWith("Bearer ")) {
      return error(401, "no api key supplied");
    }
    if (!authorization.equals("Bearer " + API_KEY)) {
      return error(401, "invalid api token");
    }
    synchronized (this) {
      if (!queued.isEmpty()) {
        return queued.poll();
      }
      for (var marker : failingMarkers.entrySet()) {
        if (texts.stream().anyMatch(t -> t.contains(marker.getKey()))) {
          return error(marker.getValue(), "injected failure for texts containing '" + marker.getKey() + "'");
        }
      }
      MockResponse limited = overRateLimit(texts.size());
      if (limited != null) {
        return limited;
      }
    }
    String model = body.path("model").asText("");
    Integer dimensions = MODELS.get(model);
    if (dimensions == null) {
      return error(404, "model '" + model + "' not found, make sure the correct model ID was used and that you"
          + " have access to the model.");
    }
    if (!body.path("input_type").isTextual()) {
      return error(400, "invalid request: valid input_type must be provided with the provided model");
    }
    if (texts.isEmpty() || texts.size() > 96) {
      return error(400, "invalid request: total number of texts must be at most 96 - received " + texts.size());
    }
    for (int i = 0; i < texts.size(); i++) {
      if (texts.get(i).isEmpty()) {
        return error(400, "invalid request: inputs contains an element that is the empty string at index " + i);
      }
      int tokens = tokens(texts.get(i));
      if (tokens > MAX_TOKENS && "NONE".equals(body.path("truncate").asText("END"))) {
        return error(400, "too many tokens: text at index " + i + " has " + tokens + " tokens, which exceeds the"
            + " model's maximum of " + MAX_TOKENS + " with truncate set to NONE");
      }
    }
    body.put("_ok", true);
    ObjectNode response = EmulatorJson.MAPPER.createObjectNode();
    response.put("id", UUID.randomUUID().toString());
    ArrayNode echoed = response.putArray("texts");
    texts.forEach(echoed::add);
    ArrayNode floats = response.putObject("embeddings").putArray("float");
    int inputTokens = 0;
    for (String text : texts) {
      ArrayNode vector = floats.addArray();
      for (float value : vectorFor(text, dimensions)) {
        vector.add(value);
      }
      inputTokens += tokens(text);
    }
    ObjectNode meta = response.putObject("meta");
    meta.putObject("api_version").put("version", "2");
    meta.putObject("billed_units").put("input_tokens", inputTokens);
    response.put("response_type", "embeddings_by_type");
    return new MockResponse(200, Headers.of("Content-Type", "application/json"), EmulatorJson.write(response));
  }

  /**
   * A stand-in tokenizer, deterministic and close to a real subword tokenizer on English: every
   * word costs one token per 4 characters (at least one), every punctuation mark one.
   */
  public static int tokens(String text) {
    int tokens = 0;
    for (String word : text.split("\\s+")) {
      String letters = word.replaceAll("\\p{Punct}", "");
      tokens += (word.length() - letters.length()) + (letters.isEmpty() ? 0 : (letters.codePointCount(0,
          letters.length()) + 3) / 4);
    }
    return tokens;
  }

  /** The unit vector the emulator returns for {@code text}: seeded from the text's SHA-256. */
  public static float[] vectorFor(String text, int dimensions) {
    try {
      byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      long seed = 0;
      for (int i = 0; i < 8; i++) {
        seed = (seed << 8) | (hash[i] & 0xff);
      }
      SplittableRandom random = new SplittableRandom(seed);
      float[] vector = new float[dimensions];
      double norm = 0;
      for (int i = 0; i < dimensions; i++) {
        vector[i] = (float) (random.nextDouble() * 2 - 1);
        norm += vector[i] * vector[i];
      }
      float scale = (float) (1 / Math.sqrt(norm));
      for (int i = 0; i < dimensions; i++) {
        vector[i] *= scale;
      }
      return vector;
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A 429 when {@code inputs} more texts would pass the rate limit, else null (and they are counted). */
  private MockResponse overRateLimit(int inputs) {
    if (rateLimitInputs <= 0) {
      return null;
    }
    long now = System.nanoTime();
    while (!acceptedInWindow.isEmpty() && now - acceptedInWindow.peekFirst()[0] >= rateLimitWindowNanos) {
      acceptedInWindow.pollFirst();
    }
    int used = acceptedInWindow.stream().mapToInt(call -> (int) call[1]).sum();
    if (used + inputs <= rateLimitInputs) {
      acceptedInWindow.addLast(new long[] {now, inputs});
      return null;
    }
    // Free enough of the window: wait until the oldest calls that must leave it have left.
    int toFree = used + inputs - rateLimitInputs;
    long leavesAt = now;
    for (long[] call : acceptedInWindow) {
      toFree -= (int) call[1];
      leavesAt = call[0] + rateLimitWindowNanos;
      if (toFree <= 0) {
        break;
      }
    }
    long seconds = Math.max(1, (leavesAt - now + 999_999_999L) / 1_000_000_000L);
    rateLimited.incrementAndGet();
    return new MockResponse(429, Headers.of("Content-Type", "application/json", "Retry-After", String.valueOf(seconds)),
        EmulatorJson.write(Map.of("message", "You are past the per minute request limit, please wait and try again later.")));
  }

  private static MockResponse error(int status, String message) {
    return new MockResponse(status, Headers.of("Content-Type", "application/json"),
        EmulatorJson.write(Map.of("message", message)));
  }

  @Override
  public void close() {
    server.close();
  }
}
