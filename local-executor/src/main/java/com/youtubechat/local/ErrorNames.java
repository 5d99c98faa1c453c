package com.youtubechat.local;

import java.util.List;

/** The error names Step Functions defines, and how a Retry or Catch {@code ErrorEquals} matches them. */
public final class ErrorNames {

  public static final String ALL = "States.ALL";
  public static final String TASK_FAILED = "States.TaskFailed";
  public static final String TIMEOUT = "States.Timeout";
  public static final String RUNTIME = "States.Runtime";
  public static final String DATA_LIMIT_EXCEEDED = "States.DataLimitExceeded";
  public static final String QUERY_EVALUATION_ERROR = "States.QueryEvaluationError";
  public static final String NO_CHOICE_MATCHED = "States.NoChoiceMatched";
  /** The handler ran past its function's Timeout. */
  public static final String SANDBOX_TIMEDOUT = "Sandbox.Timedout";
  /** The function failed without an error type, e.g. the JVM ran out of memory. */
  public static final String LAMBDA_UNKNOWN = "Lambda.Unknown";
  public static final String LAMBDA_RESOURCE_NOT_FOUND = "Lambda.ResourceNotFoundException";
  /**
   * Lambda throttled the invocation: the function was at its reserved concurrency, or the account
   * at its unreserved concurrency. The name lambda:invoke reports for Lambda's HTTP 429.
   */
  public static final String LAMBDA_TOO_MANY_REQUESTS = "Lambda.TooManyRequestsException";

  private static final List<String> TERMINAL = List.of(RUNTIME, DATA_LIMIT_EXCEEDED);

  private ErrorNames() {}

  /**
   * Whether an {@code ErrorEquals} entry matches an error, as Step Functions decides it: a name
   * matches itself; {@code States.ALL} matches every error and {@code States.TaskFailed} every
   * error except {@code States.Timeout}, but neither matches the terminal errors
   * {@code States.Runtime} and {@code States.DataLimitExceeded}.
   */
  public static boolean matches(String errorEquals, String error) {
    if (errorEquals.equals(error)) {
      return true;
    }
    if (error != null && TERMINAL.contains(error)) {
      return false;
    }
    return switch (errorEquals) {
      case ALL -> true;
      case TASK_FAILED -> !TIMEOUT.equals(error);
      default -> false;
    };
  }

  public static boolean matchesAny(List<String> errorEquals, String error) {
    return errorEquals.stream().anyMatch(name -> matches(name, error));
  }
}
