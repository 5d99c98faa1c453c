package com.youtubechat.local;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * A Lambda function of the template, as the executor needs it: its name (the template's logical
 * id; locally the function name), handler ({@code com.example.Handler::handleRequest}), timeout,
 * memory size, the names of the environment variables the template gives it, its
 * AutoPublishAlias (null without one) and its ReservedConcurrentExecutions (null without it: the
 * function then shares the account's unreserved concurrency with the other such functions).
 */
public record LambdaFunction(String name, String handler, Duration timeout, int memorySizeMb,
    List<String> environmentVariables, String alias, Integer reservedConcurrency) {

  /** Region and account of the ARNs the executor makes up for local functions. */
  public static final String LOCAL_REGION = "us-east-1";
  public static final String LOCAL_ACCOUNT = "123456789012";
  /** Lambda's defaults when the template sets neither the function's nor the Globals' value. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(3);
  public static final int DEFAULT_MEMORY_SIZE_MB = 128;

  public LambdaFunction {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(timeout, "timeout");
    handler = handler == null ? "" : handler;
    environmentVariables = List.copyOf(environmentVariables);
    if (timeout.isNegative() || timeout.isZero()) {
      throw new IllegalArgumentException("the timeout of " + name + " must be positive");
    }
    if (reservedConcurrency != null && reservedConcurrency < 0) {
      throw new IllegalArgumentException("the reserved concurrency of " + name + " must not be negative");
    }
  }

  /** A function without reserved concurrency. */
  public LambdaFunction(String name, String handler, Duration timeout, int memorySizeMb,
      List<String> environmentVariables, String alias) {
    this(name, handler, timeout, memorySizeMb, environmentVariables, alias, null);
  }

  /** A function with no handler, Lambda's default timeout and memory, no variables and no alias (tests, fakes). */
  public static LambdaFunction named(String name) {
    return new LambdaFunction(name, "", DEFAULT_TIMEOUT, DEFAULT_MEMORY_SIZE_MB, List.of(), null, null);
  }

  public LambdaFunction withHandler(String newHandler) {
    return new LambdaFunction(name, newHandler, timeout, memorySizeMb, environmentVariables, alias, reservedConcurrency);
  }

  public LambdaFunction withTimeout(Duration newTimeout) {
    return new LambdaFunction(name, handler, newTimeout, memorySizeMb, environmentVariables, alias, reservedConcurrency);
  }

  public LambdaFunction withEnvironmentVariables(List<String> names) {
    return new LambdaFunction(name, handler, timeout, memorySizeMb, names, alias, reservedConcurrency);
  }

  public LambdaFunction withAlias(String newAlias) {
    return new LambdaFunction(name, handler, timeout, memorySizeMb, environmentVariables, newAlias, reservedConcurrency);
  }

  /** The function with this reserved concurrency (null: none, it shares the account's unreserved concurrency). */
  public LambdaFunction withReservedConcurrency(Integer newReservedConcurrency) {
    return new LambdaFunction(name, handler, timeout, memorySizeMb, environmentVariables, alias, newReservedConcurrency);
  }

  /** The handler's class name: the part of {@code Handler} before {@code ::}. */
  public String handlerClass() {
    int separator = handler.indexOf("::");
    return separator < 0 ? handler : handler.substring(0, separator);
  }

  /** The handler's method name, {@code handleRequest} when the Handler names none. */
  public String handlerMethod() {
    int separator = handler.indexOf("::");
    return separator < 0 ? "handleRequest" : handler.substring(separator + 2);
  }

  /** The unqualified ARN ($LATEST). */
  public String arn() {
    return "arn:aws:lambda:" + LOCAL_REGION + ":" + LOCAL_ACCOUNT + ":function:" + name;
  }

  /** The ARN qualified by a version or alias. */
  public String arn(String qualifier) {
    return qualifier == null ? arn() : arn() + ":" + qualifier;
  }
}
