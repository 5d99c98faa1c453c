package com.youtubechat.info;

import com.amazonaws.services.lambda.runtime.Context;
import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.lambda.JsonStreamHandler;
import com.youtubechat.shared.model.VideoRecord;
import java.util.Map;

/** Lambda entry point of the Info step. Input: the video record; output: {@link InfoResult}. */
public final class InfoHandler extends JsonStreamHandler<VideoRecord, InfoResult> {

  private final InfoService service;

  /**
   * Used by Lambda: the service and its clients are built once per container, with SnapStart hooks
   * that prime them before the snapshot and reconnect after a restore.
   */
  public InfoHandler() {
    this(InfoService.fromEnvironment(ConfigReader.fromSystemEnvironment()));
    registerPriming(service::prime, service::reset);
  }

  /** Configured from the given variables instead of the process environment (local runs, tests). */
  public InfoHandler(Map<String, String> environment) {
    this(InfoService.fromEnvironment(new ConfigReader(environment)));
  }

  public InfoHandler(InfoService service) {
    super(VideoRecord.class);
    this.service = service;
  }

  @Override
  protected InfoResult handle(VideoRecord input, Context context) {
    return service.process(input);
  }
}
