package com.youtubechat.info;

import com.amazonaws.services.lambda.runtime.Context;
import com.youtubechat.shared.lambda.ContainerService;
import com.youtubechat.shared.lambda.JsonStreamHandler;
import com.youtubechat.shared.model.VideoRecord;
import java.util.Map;

/** Lambda entry point of the Info step. Input: the video record; output: {@link InfoResult}. */
public final class InfoHandler extends JsonStreamHandler<VideoRecord, InfoResult> {

  private final ContainerService<InfoService> service;

  /**
   * Used by Lambda: the service is built on the first invocation (after SnapStart's restore, so no
   * secret is in the snapshot) and reused; SnapStart hooks prime a stand-in before the snapshot.
   */
  public InfoHandler() {
    this(System.getenv());
    registerPriming(service);
  }

  /** Configured from the given variables instead of the process environment (local runs, tests). */
  public InfoHandler(Map<String, String> environment) {
    this(ContainerService.fromEnvironment(environment, InfoService::fromEnvironment));
  }

  public InfoHandler(InfoService service) {
    this(ContainerService.of(service));
  }

  private InfoHandler(ContainerService<InfoService> service) {
    super(VideoRecord.class);
    this.service = service;
  }

  @Override
  protected InfoResult handle(VideoRecord input, Context context) {
    return service.get().process(input);
  }
}
