package com.youtubechat.cli;

import software.amazon.awssdk.awscore.exception.AwsServiceException;
import software.amazon.awssdk.core.exception.SdkClientException;

/** One readable line for any failure, without the stack trace. */
public final class Failures {

  private Failures() {}

  public static String describe(Throwable failure) {
    return oneLine(message(failure));
  }

  private static String message(Throwable failure) {
    if (failure instanceof CommandFailure || failure instanceof com.youtubechat.shared.error.YoutubeChatException) {
      return failure.getMessage();
    }
    if (failure instanceof AwsServiceException aws) {
      var details = aws.awsErrorDetails();
      String text = details != null && details.errorMessage() != null ? details.errorMessage() : aws.getMessage();
      String code = details != null && details.errorCode() != null ? details.errorCode() : "error";
      String service = details != null && details.serviceName() != null ? details.serviceName() : "AWS";
      service = service.equals("Sfn") ? "Step Functions" : service;
      return service + " answered " + code + " (HTTP " + aws.statusCode() + "): " + text;
    }
    if (failure instanceof SdkClientException sdk) {
      return awsClientMessage(sdk);
    }
    String text = failure.getMessage();
    return failure.getClass().getSimpleName() + (text == null || text.isBlank() ? "" : ": " + text);
  }

  /** The SDK's own messages for a missing region or credentials list every provider it tried. */
  static String awsClientMessage(SdkClientException e) {
    String text = e.getMessage() == null ? "" : e.getMessage();
    if (text.startsWith("Unable to load region")) {
      return "No AWS region configured: set AWS_REGION (or a region in your AWS profile)";
    }
    if (text.startsWith("Unable to load credentials")) {
      return "No AWS credentials found: set AWS_PROFILE (after 'aws sso login' or 'aws configure'),"
          + " or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";
    }
    if (text.startsWith("Unable to execute HTTP request")) {
      Throwable cause = e.getCause();
      return "Could not reach AWS: " + text + (cause == null || text.contains(String.valueOf(cause.getMessage()))
          ? "" : " (" + cause + ")");
    }
    return "AWS SDK: " + text;
  }

  static String oneLine(String text) {
    return text == null ? "" : text.strip().replaceAll("\\s*\\R\\s*", " ");
  }
}
