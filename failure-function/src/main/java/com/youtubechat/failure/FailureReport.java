package com.youtubechat.failure;

import java.util.List;

/**
 * What the state machine hands the failure recorder: the video and each branch's caught error,
 * as Step Functions reports it ({@code error} is the error name, {@code cause} usually the Lambda
 * error JSON).
 */
public record FailureReport(String videoId, List<StepFailure> failures) {

  public record StepFailure(String step, String error, String cause) {}
}
