package com.youtubechat.embedding;

import com.amazonaws.services.lambda.runtime.Context;
import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.lambda.JsonStreamHandler;
import java.time.Instant;
import java.util.Map;

/** Lambda entry point of the Embedding step. Input: {@code {videoId}}; output: {@link EmbeddingResult}. */
public final class EmbeddingHandler extends JsonStreamHandler<EmbeddingRequest, EmbeddingResult> {

  /** Time kept back from the Lambda timeout for the database write. */
  static final long RESERVE_MILLIS = 10_000;

  private final EmbeddingService service;

  /**
   * Used by Lambda: the service and its clients are built once per container, with SnapStart hooks
   * that prime them before the snapshot and reconnect after a restore.
   */
  public EmbeddingHandler() {
    this(EmbeddingService.fromEnvironment(ConfigReader.fromSystemEnvironment()));
    registerPriming(service::prime, service::reset);
  }

  /** Configured from the given variables instead of the process environment (local runs, tests). */
  public EmbeddingHandler(Map<String, String> environment) {
    this(EmbeddingService.fromEnvironment(new ConfigReader(environment)));
  }

  public EmbeddingHandler(EmbeddingService service) {
    super(EmbeddingRequest.class);
    this.service = service;
  }

  @Override
  protected EmbeddingResult handle(EmbeddingRequest input, Context context) {
    long budget = Math.max(1_000, context.getRemainingTimeInMillis() - RESERVE_MILLIS);
    return service.process(input, Instant.now().plusMillis(budget));
  }
}
