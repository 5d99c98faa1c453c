package com.youtubechat.failure;

import com.amazonaws.services.lambda.runtime.Context;
import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.lambda.JsonStreamHandler;
import java.util.Map;

/**
 * Lambda entry point of the state machine's failure path. Input: {@link FailureReport}; output:
 * {@link FailureSummary}, whose error and cause the execution then fails with.
 */
public final class FailureHandler extends JsonStreamHandler<FailureReport, FailureSummary> {

  private final FailureService service;

  /**
   * Used by Lambda: the service and its clients are built once per container, with SnapStart hooks
   * that prime them before the snapshot and reconnect after a restore.
   */
  public FailureHandler() {
    this(FailureService.fromEnvironment(ConfigReader.fromSystemEnvironment()));
    registerPriming(service::prime, service::reset);
  }

  /** Configured from the given variables instead of the process environment (local runs, tests). */
  public FailureHandler(Map<String, String> environment) {
    this(FailureService.fromEnvironment(new ConfigReader(environment)));
  }

  public FailureHandler(FailureService service) {
    super(FailureReport.class);
    this.service = service;
  }

  @Override
  protected FailureSummary handle(FailureReport input, Context context) {
    return service.record(input);
  }
}
