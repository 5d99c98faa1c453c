package com.youtubechat.local;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.util.UUID;

/** The {@link Context} a handler gets locally: its function's identity and the time left before its timeout. */
final class LambdaContext implements Context {

  private final LambdaFunction function;
  private final long deadlineNanos;
  private final String requestId = UUID.randomUUID().toString();
  private final LambdaLogger logger;

  LambdaContext(LambdaFunction function, long deadlineNanos) {
    this.function = function;
    this.deadlineNanos = deadlineNanos;
    System.Logger log = System.getLogger("lambda." + function.name());
    this.logger = new LambdaLogger() {
      @Override
      public void log(String message) {
        log.log(System.Logger.Level.INFO, message);
      }

      @Override
      public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
      }
    };
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + function.name();
  }

  @Override
  public String getLogStreamName() {
    return "local/[$LATEST]" + requestId.replace("-", "");
  }

  @Override
  public String getFunctionName() {
    return function.name();
  }

  @Override
  public String getFunctionVersion() {
    return "$LATEST";
  }

  @Override
  public String getInvokedFunctionArn() {
    return function.arn(function.alias());
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    long remaining = (deadlineNanos - System.nanoTime()) / 1_000_000;
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining));
  }

  @Override
  public int getMemoryLimitInMB() {
    return function.memorySizeMb();
  }

  @Override
  public LambdaLogger getLogger() {
    return logger;
  }
}
