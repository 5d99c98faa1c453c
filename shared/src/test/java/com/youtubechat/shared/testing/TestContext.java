package com.youtubechat.shared.testing;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/** A stub Lambda context: the handlers only use it for time left and logging. */
public final class TestContext implements Context {

  private final long deadlineMillis;

  public TestContext() {
    this(60_000);
  }

  public TestContext(int millisLeft) {
    this.deadlineMillis = System.currentTimeMillis() + millisLeft;
  }

  @Override public String getAwsRequestId() { return "test-request-id"; }
  @Override public String getLogGroupName() { return "/aws/lambda/test"; }
  @Override public String getLogStreamName() { return "test-stream"; }
  @Override public String getFunctionName() { return "test-function"; }
  @Override public String getFunctionVersion() { return "$LATEST"; }
  @Override public String getInvokedFunctionArn() { return "arn:aws:lambda:us-east-1:123456789012:function:test"; }
  @Override public CognitoIdentity getIdentity() { return null; }
  @Override public ClientContext getClientContext() { return null; }
  @Override public int getRemainingTimeInMillis() { return (int) Math.max(0, deadlineMillis - System.currentTimeMillis()); }
  @Override public int getMemoryLimitInMB() { return 512; }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override public void log(String message) { System.out.println(message); }
      @Override public void log(byte[] message) { System.out.println(new String(message, StandardCharsets.UTF_8)); }
    };
  }
}
