package com.youtubechat.shared.error;

import java.time.Duration;
import java.util.Optional;

/**
 * Cohere answered HTTP 429 (its per-minute rate limit, e.g. 2,000 embed inputs a minute) and the
 * wait it asks for is longer than this step should sleep. The state machine retries the step later
 * with jitter; {@link #retryAfter()} is what Cohere asked for, when it said.
 */
public final class CohereRateLimitedException extends CapacityException {

  private final transient Duration retryAfter;

  public CohereRateLimitedException(String message, Duration retryAfter) {
    super(message, null);
    this.retryAfter = retryAfter;
  }

  public Optional<Duration> retryAfter() {
    return Optional.ofNullable(retryAfter);
  }
}
