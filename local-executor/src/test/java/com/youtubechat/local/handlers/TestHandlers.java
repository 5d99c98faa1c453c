package com.youtubechat.local.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/** Stream handlers with the project's constructor shape, for the HandlerTaskInvoker tests. */
public final class TestHandlers {

  private static final ObjectMapper MAPPER = new ObjectMapper();

  private TestHandlers() {}

  /** Answers with what it saw: input, environment, context; counts its instances. */
  public static final class Echo implements RequestStreamHandler {
    public static final AtomicInteger INSTANCES = new AtomicInteger();
    private final Map<String, String> environment;

    public Echo(Map<String, String> environment) {
      INSTANCES.incrementAndGet();
      this.environment = new TreeMap<>(environment);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
      JsonNode event = MAPPER.readTree(input);
      ObjectNode answer = MAPPER.createObjectNode();
      answer.set("input", event);
      answer.set("environment", MAPPER.valueToTree(environment));
      answer.put("remainingMillis", context.getRemainingTimeInMillis());
      answer.put("functionName", context.getFunctionName());
      answer.put("memory", context.getMemoryLimitInMB());
      MAPPER.writeValue(output, answer);
    }
  }

  /** Sleeps far past any test timeout; notes whether it was interrupted. */
  public static final class Slow implements RequestStreamHandler {
    public static volatile CountDownLatch interrupted = new CountDownLatch(1);

    public Slow(Map<String, String> environment) {}

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
      try {
        Thread.sleep(30_000);
      } catch (InterruptedException e) {
        interrupted.countDown();
        Thread.currentThread().interrupt();
      }
      output.write("{}".getBytes());
    }
  }

  /** Throws what its input asks for: {"throw": "state"} → IllegalStateException, "oom" → OutOfMemoryError. */
  public static final class Throwing implements RequestStreamHandler {
    public static final AtomicInteger INSTANCES = new AtomicInteger();

    public Throwing(Map<String, String> environment) {
      INSTANCES.incrementAndGet();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
      String what = MAPPER.readTree(input).path("throw").asText();
      switch (what) {
        case "state" -> throw new IllegalStateException("the handler gave up", new IOException("connection reset"));
        case "oom" -> throw new OutOfMemoryError("Java heap space");
        default -> output.write("{\"ok\": true}".getBytes());
      }
    }
  }

  /** Its constructor fails, as a handler with a missing setting does. */
  public static final class FailingConstructor implements RequestStreamHandler {
    public FailingConstructor(Map<String, String> environment) {
      throw new IllegalArgumentException("XATA_DB_URL is not set");
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {}
  }

  /** No Map constructor: the executor cannot build it. */
  public static final class NoMapConstructor implements RequestStreamHandler {
    public NoMapConstructor() {}

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) {}
  }
}
