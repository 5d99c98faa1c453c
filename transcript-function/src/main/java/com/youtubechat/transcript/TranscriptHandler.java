package com.youtubechat.transcript;

import com.amazonaws.services.lambda.runtime.Context;
import com.youtubechat.shared.lambda.ContainerService;
import com.youtubechat.shared.lambda.JsonStreamHandler;
import com.youtubechat.shared.model.VideoRecord;
import java.util.Map;

/** Lambda entry point of the Transcript step. Input: the video record; output: {@link TranscriptResult}. */
public final class TranscriptHandler extends JsonStreamHandler<VideoRecord, TranscriptResult> {

  private final ContainerService<TranscriptService> service;

  /**
   * Used by Lambda: the service is built on the first invocation (after SnapStart's restore, so no
   * secret is in the snapshot) and reused; SnapStart hooks prime a stand-in before the snapshot.
   */
  public TranscriptHandler() {
    this(System.getenv());
    registerPriming(service);
  }

  /** Configured from the given variables instead of the process environment (local runs, tests). */
  public TranscriptHandler(Map<String, String> environment) {
    this(ContainerService.fromEnvironment(environment, TranscriptService::fromEnvironment));
  }

  public TranscriptHandler(TranscriptService service) {
    this(ContainerService.of(service));
  }

  private TranscriptHandler(ContainerService<TranscriptService> service) {
    super(VideoRecord.class);
    this.service = service;
  }

  @Override
  protected TranscriptResult handle(VideoRecord input, Context context) {
    return service.get().process(input);
  }
}
