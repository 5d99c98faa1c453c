package com.youtubechat.failure;

import com.amazonaws.services.lambda.runtime.Context;
import com.youtubechat.shared.lambda.ContainerService;
import com.youtubechat.shared.lambda.JsonStreamHandler;
import java.util.Map;

/**
 * Lambda entry point of the state machine's failure path. Input: {@link FailureReport}; output:
 * {@link FailureSummary}, whose error and cause the execution then fails with.
 */
public final class FailureHandler extends JsonStreamHandler<FailureReport, FailureSummary> {

  private final ContainerService<FailureService> service;

  /**
   * Used by Lambda: the service is built on the first invocation (after SnapStart's restore, so no
   * secret is in the snapshot) and reused; SnapStart hooks prime a stand-in before the snapshot.
   */
  public FailureHandler() {
    this(System.getenv());
    registerPriming(service);
  }

  /** Configured from the given variables instead of the process environment (local runs, tests). */
  public FailureHandler(Map<String, String> environment) {
    this(ContainerService.fromEnvironment(environment, FailureService::fromEnvironment));
  }

  public FailureHandler(FailureService service) {
    this(ContainerService.of(service));
  }

  private FailureHandler(ContainerService<FailureService> service) {
    super(FailureReport.class);
    this.service = service;
  }

  @Override
  protected FailureSummary handle(FailureReport input, Context context) {
    return service.get().record(input);
  }
}
