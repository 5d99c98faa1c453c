package com.youtubechat.embedding;

import com.amazonaws.services.lambda.runtime.Context;
import com.youtubechat.shared.lambda.ContainerService;
import com.youtubechat.shared.lambda.JsonStreamHandler;
import java.time.Instant;
import java.util.Map;

/** Lambda entry point of the Embedding step. Input: {@code {videoId}}; output: {@link EmbeddingResult}. */
public final class EmbeddingHandler extends JsonStreamHandler<EmbeddingRequest, EmbeddingResult> {

  /** Time kept back from the Lambda timeout for the database write. */
  static final long RESERVE_MILLIS = 10_000;

  private final ContainerService<EmbeddingService> service;

  /**
   * Used by Lambda: the service is built on the first invocation (after SnapStart's restore, so no
   * secret is in the snapshot) and reused; SnapStart hooks prime a stand-in before the snapshot.
   */
  public EmbeddingHandler() {
    this(System.getenv());
    registerPriming(service);
  }

  /** Configured from the given variables instead of the process environment (local runs, tests). */
  public EmbeddingHandler(Map<String, String> environment) {
    this(ContainerService.fromEnvironment(environment, EmbeddingService::fromEnvironment));
  }

  public EmbeddingHandler(EmbeddingService service) {
    this(ContainerService.of(service));
  }

  private EmbeddingHandler(ContainerService<EmbeddingService> service) {
    super(EmbeddingRequest.class);
    this.service = service;
  }

  @Override
  protected EmbeddingResult handle(EmbeddingRequest input, Context context) {
    long budget = Math.max(1_000, context.getRemainingTimeInMillis() - RESERVE_MILLIS);
    return service.get().process(input, Instant.now().plusMillis(budget));
  }
}
