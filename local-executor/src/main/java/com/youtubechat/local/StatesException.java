package com.youtubechat.local;

/**
 * A Step Functions error: its name ({@code Error}, what Retry and Catch match on) and its
 * {@code Cause}. Thrown by states, by the executor (for example {@code States.QueryEvaluationError})
 * and by {@link TaskInvoker}s that want to report a precise error (for example a fake returning
 * {@code Lambda.ServiceException}). A task invoker may also throw any other exception: it is then
 * named as AWS Lambda names a Java handler's exception (see {@link LambdaErrors}).
 */
public class StatesException extends RuntimeException {

  private final String error;
  private final String errorCause;

  public StatesException(String error, String cause) {
    super(error + (cause == null ? "" : ": " + cause));
    this.error = error;
    this.errorCause = cause;
  }

  /** The error name, e.g. {@code States.Timeout} or a Java exception's fully-qualified class name. */
  public String error() {
    return error;
  }

  /** The cause text (for Lambda errors, the runtime's error JSON); may be null. */
  public String errorCause() {
    return errorCause;
  }
}
