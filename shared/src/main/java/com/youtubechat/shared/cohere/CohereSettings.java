package com.youtubechat.shared.cohere;

import com.youtubechat.shared.config.ConfigReader;
import java.net.URI;
import java.time.Duration;

/**
 * Cohere embedding configuration.
 *
 * @param concurrency how many embed calls for one video run at once ({@code COHERE_CONCURRENCY})
 * @param callTimeout the limit of one HTTP call ({@code COHERE_TIMEOUT_SECONDS})
 * @param maxAttempts attempts per batch before the failure goes to the state machine's retry
 * @param maxRateLimitWait the longest a rate-limited call waits inside the Lambda
 *     ({@code COHERE_MAX_WAIT_SECONDS}); a longer wait is left to the state machine, where it is free
 */
public record CohereSettings(String apiKey, String model, URI baseUrl, int concurrency, Duration callTimeout,
    int maxAttempts, Duration maxRateLimitWait) {

  public static final String DEFAULT_MODEL = "embed-english-v3.0";
  public static final String DEFAULT_BASE_URL = "https://api.cohere.com";

  public static CohereSettings read(ConfigReader config) {
    return new CohereSettings(
        config.required("COHERE_API_KEY", "the Cohere API key used for embeddings"),
        config.optional("COHERE_MODEL", DEFAULT_MODEL),
        config.httpUrl("COHERE_BASE_URL", DEFAULT_BASE_URL),
        config.integer("COHERE_CONCURRENCY", 4, 1, 16),
        Duration.ofSeconds(config.integer("COHERE_TIMEOUT_SECONDS", 30, 1, 300)),
        config.integer("COHERE_MAX_ATTEMPTS", 5, 1, 20),
        Duration.ofSeconds(config.integer("COHERE_MAX_WAIT_SECONDS", 5, 0, 60)));
  }

  @Override
  public String toString() {
    return "CohereSettings[model=" + model + ", baseUrl=" + baseUrl + ", concurrency=" + concurrency
        + ", callTimeout=" + callTimeout + ", maxAttempts=" + maxAttempts + ", maxRateLimitWait=" + maxRateLimitWait
        + ", apiKey=set]";
  }
}
