package com.youtubechat.transcript;

import com.amazonaws.services.lambda.runtime.Context;
import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.lambda.JsonStreamHandler;
import com.youtubechat.shared.model.VideoRecord;
import java.util.Map;

/** Lambda entry point of the Transcript step. Input: the video record; output: {@link TranscriptResult}. */
public final class TranscriptHandler extends JsonStreamHandler<VideoRecord, TranscriptResult> {

  private final TranscriptService service;

  /**
   * Used by Lambda: the service and its clients are built once per container, with SnapStart hooks
   * that prime them before the snapshot and reconnect after a restore.
   */
  public TranscriptHandler() {
    this(TranscriptService.fromEnvironment(ConfigReader.fromSystemEnvironment()));
    registerPriming(service::prime, service::reset);
  }

  /** Configured from the given variables instead of the process environment (local runs, tests). */
  public TranscriptHandler(Map<String, String> environment) {
    this(TranscriptService.fromEnvironment(new ConfigReader(environment)));
  }

  public TranscriptHandler(TranscriptService service) {
    super(VideoRecord.class);
    this.service = service;
  }

  @Override
  protected TranscriptResult handle(VideoRecord input, Context context) {
    return service.process(input);
  }
}
