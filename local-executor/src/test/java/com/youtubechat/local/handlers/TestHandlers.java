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
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
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

  /**
   * Echoes its input once {@link #open} is counted down, so a test decides how many invocations
   * run at once. Counts its instances, the invocations that got in ({@link #entered}) and the most
   * that were in at once, the limits as the handlers see them.
   */
  public static final class Gate implements RequestStreamHandler {
    public static final AtomicInteger INSTANCES = new AtomicInteger();
    public static volatile CountDownLatch open = new CountDownLatch(1);
    public static volatile Semaphore entered = new Semaphore(0);
    public static final AtomicInteger MOST_INSIDE = new AtomicInteger();
    private static final AtomicInteger INSIDE = new AtomicInteger();

    public Gate(Map<String, String> environment) {
      INSTANCES.incrementAndGet();
    }

    /** Closes the gate and clears the counters (before each test). */
    public static void reset() {
      INSTANCES.set(0);
      open = new CountDownLatch(1);
      entered = new Semaphore(0);
      MOST_INSIDE.set(0);
      INSIDE.set(0);
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
      JsonNode event = MAPPER.readTree(input);
      MOST_INSIDE.accumulateAndGet(INSIDE.incrementAndGet(), Math::max);
      try {
        entered.release();
        // A guard against a test that never opens the gate, not a speed bound.
        if (!open.await(60, TimeUnit.SECONDS)) {
          throw new IOException("the gate was never opened");
        }
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IOException("interrupted at the gate", e);
      } finally {
        INSIDE.decrementAndGet();
      }
      MAPPER.writeValue(output, event);
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
