package com.youtubechat.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Runs a function's real handler in this JVM, as the Lambda Java runtime would: the handler class
 * (a {@link RequestStreamHandler} with a public constructor taking the environment as a
 * {@code Map<String, String>}) is instantiated once per "container" and reused; the payload is
 * serialised to bytes, {@code handleRequest} runs on its own thread with a {@code Context} whose
 * remaining time counts down from the function's Timeout, and the output bytes are parsed as JSON.
 *
 * <p>Failures are named as Lambda and Step Functions name them: an exception is the error named by
 * its class (cause: the runtime's error JSON), running past the Timeout is {@code Sandbox.Timedout}
 * ("Task timed out after N.NN seconds"; the handler thread is interrupted and the container thrown
 * away), an {@link Error} is {@code Lambda.Unknown} (container thrown away too).
 *
 * <p>Each function sees the variables the template declares for it, with the values the caller
 * gives (the others are left out, as in Lambda), plus {@code AWS_REGION},
 * {@code AWS_DEFAULT_REGION}, {@code AWS_LAMBDA_FUNCTION_NAME},
 * {@code AWS_LAMBDA_FUNCTION_MEMORY_SIZE} and {@code AWS_LAMBDA_FUNCTION_VERSION}.
 */
public final class HandlerTaskInvoker implements TaskInvoker {

  private static final System.Logger LOG = System.getLogger(HandlerTaskInvoker.class.getName());
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Function<LambdaFunction, Map<String, String>> environments;
  private final boolean passUndeclaredVariables;
  private final Map<String, Duration> timeouts;
  private final String region;
  private final Map<String, ConcurrentLinkedDeque<RequestStreamHandler>> idle = new ConcurrentHashMap<>();
  private final Set<String> warned = ConcurrentHashMap.newKeySet();

  private HandlerTaskInvoker(Builder builder) {
    this.environments = builder.environments;
    this.passUndeclaredVariables = builder.passUndeclaredVariables;
    this.timeouts = Map.copyOf(builder.timeouts);
    this.region = builder.region;
  }

  public static Builder builder() {
    return new Builder();
  }

  /** Checks that each function's handler can be run: a loadable RequestStreamHandler with a Map constructor. */
  @Override
  public void prepare(Collection<LambdaFunction> functions) {
    for (LambdaFunction function : functions) {
      constructor(function);
    }
  }

  @Override
  public JsonNode invoke(LambdaFunction function, JsonNode payload) throws InterruptedException {
    Duration timeout = timeouts.getOrDefault(function.name(), function.timeout());
    RequestStreamHandler handler = idleHandler(function);
    byte[] input = bytes(payload == null ? NullNode.getInstance() : payload);
    long deadline = System.nanoTime() + timeout.toNanos();
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    Thread worker = Thread.ofPlatform().daemon(true)
        .name("lambda-" + function.name() + "-" + THREADS.incrementAndGet())
        .start(() -> {
          try {
            ByteArrayOutputStream output = new ByteArrayOutputStream();
            handler.handleRequest(new ByteArrayInputStream(input), output, new LambdaContext(function, deadline));
            result.complete(output.toByteArray());
          } catch (Throwable thrown) {
            result.completeExceptionally(thrown);
          }
        });
    byte[] output;
    try {
      output = result.get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
    } catch (TimeoutException e) {
      worker.interrupt();
      throw new StatesException(ErrorNames.SANDBOX_TIMEDOUT, String.format(Locale.ROOT,
          "Task timed out after %.2f seconds", timeout.toMillis() / 1000.0));
    } catch (InterruptedException e) {
      worker.interrupt();
      throw e;
    } catch (ExecutionException e) {
      Throwable thrown = e.getCause();
      if (!(thrown instanceof Error)) {
        release(function, handler);
      }
      throw LambdaErrors.fromThrowable(thrown);
    }
    release(function, handler);
    return parse(function, output);
  }

  private RequestStreamHandler idleHandler(LambdaFunction function) {
    RequestStreamHandler handler = idle.computeIfAbsent(function.name(), name -> new ConcurrentLinkedDeque<>()).poll();
    return handler != null ? handler : instantiate(function);
  }

  /** Puts a handler back for the next invocation (a container kept warm). */
  private void release(LambdaFunction function, RequestStreamHandler handler) {
    idle.computeIfAbsent(function.name(), name -> new ConcurrentLinkedDeque<>()).push(handler);
  }

  /** A new "container": the handler built with the function's environment. A failing constructor fails the invocation. */
  private RequestStreamHandler instantiate(LambdaFunction function) {
    Constructor<? extends RequestStreamHandler> constructor = constructor(function);
    try {
      return constructor.newInstance(environment(function));
    } catch (InvocationTargetException e) {
      throw LambdaErrors.fromThrowable(e.getCause());
    } catch (ReflectiveOperationException e) {
      throw new StatesException(ErrorNames.LAMBDA_UNKNOWN, "cannot instantiate " + function.handlerClass() + ": " + e);
    }
  }

  private static Constructor<? extends RequestStreamHandler> constructor(LambdaFunction function) {
    String where = function.name() + ".Handler " + function.handler();
    if (function.handlerClass().isBlank()) {
      throw new DefinitionException(function.name() + ": no Handler to run");
    }
    if (!function.handlerMethod().equals("handleRequest")) {
      throw new UnsupportedFeatureException(where + ": the local executor calls RequestStreamHandler.handleRequest only");
    }
    Class<?> type;
    try {
      ClassLoader loader = Thread.currentThread().getContextClassLoader();
      type = Class.forName(function.handlerClass(), false,
          loader != null ? loader : HandlerTaskInvoker.class.getClassLoader());
    } catch (ClassNotFoundException e) {
      throw new DefinitionException(where + ": the class is not on the class path", e);
    }
    if (!RequestStreamHandler.class.isAssignableFrom(type)) {
      throw new UnsupportedFeatureException(where + ": the local executor runs RequestStreamHandler classes only");
    }
    try {
      return type.asSubclass(RequestStreamHandler.class).getConstructor(Map.class);
    } catch (NoSuchMethodException e) {
      throw new DefinitionException(where + ": the class has no public constructor taking the environment"
          + " (Map<String, String>)", e);
    }
  }

  /** The variables the function sees. */
  Map<String, String> environment(LambdaFunction function) {
    Map<String, String> given = Objects.requireNonNullElse(environments.apply(function), Map.of());
    Map<String, String> environment = new LinkedHashMap<>();
    if (passUndeclaredVariables) {
      environment.putAll(given);
    }
    List<String> missing = new ArrayList<>();
    for (String name : function.environmentVariables()) {
      if (given.containsKey(name)) {
        environment.put(name, given.get(name));
      } else {
        missing.add(name);
      }
    }
    if (!missing.isEmpty() && warned.add(function.name())) {
      LOG.log(System.Logger.Level.WARNING, () -> function.name() + ": no value given for " + missing
          + " (declared in the template); the handler runs without them");
    }
    environment.put("AWS_REGION", region);
    environment.put("AWS_DEFAULT_REGION", region);
    environment.put("AWS_LAMBDA_FUNCTION_NAME", function.name());
    environment.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", Integer.toString(function.memorySizeMb()));
    environment.put("AWS_LAMBDA_FUNCTION_VERSION", "$LATEST");
    return environment;
  }

  private static byte[] bytes(JsonNode payload) {
    try {
      return MAPPER.writeValueAsBytes(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static JsonNode parse(LambdaFunction function, byte[] output) {
    if (output.length == 0) {
      return NullNode.getInstance();
    }
    try {
      return MAPPER.readTree(output);
    } catch (IOException e) {
      String text = new String(output, 0, Math.min(output.length, 200), StandardCharsets.UTF_8);
      throw new StatesException(ErrorNames.RUNTIME, "The output of " + function.name() + " is not JSON: " + text);
    }
  }

  /** Configures a {@link HandlerTaskInvoker}. */
  public static final class Builder {

    private Function<LambdaFunction, Map<String, String>> environments = function -> Map.of();
    private boolean passUndeclaredVariables;
    private final Map<String, Duration> timeouts = new HashMap<>();
    private String region = LambdaFunction.LOCAL_REGION;

    private Builder() {}

    /** One map of values for every function (e.g. {@code System.getenv()}); each sees only its declared variables. */
    public Builder environment(Map<String, String> values) {
      Map<String, String> copy = Map.copyOf(values);
      this.environments = function -> copy;
      return this;
    }

    /**
     * Values per function, by function name (logical id), as in {@code sam local invoke --env-vars}
     * ({@code events/env.json}); a function absent from the map gets no values.
     */
    public Builder environments(Map<String, Map<String, String>> valuesByFunction) {
      Map<String, Map<String, String>> copy = new HashMap<>();
      valuesByFunction.forEach((name, values) -> copy.put(name, Map.copyOf(values)));
      this.environments = function -> copy.getOrDefault(function.name(), Map.of());
      return this;
    }

    /** Values computed per function. */
    public Builder environments(Function<LambdaFunction, Map<String, String>> valuesFor) {
      this.environments = Objects.requireNonNull(valuesFor);
      return this;
    }

    /**
     * Also passes the given variables the template does not declare (e.g. the base-URL overrides
     * that point the clients at local emulators). Lambda itself would not set them.
     */
    public Builder passUndeclaredVariables() {
      this.passUndeclaredVariables = true;
      return this;
    }

    /** Overrides a function's Timeout from the template (tests, slow local services). */
    public Builder timeout(String functionName, Duration timeout) {
      if (timeout.isNegative() || timeout.isZero()) {
        throw new IllegalArgumentException("the timeout must be positive");
      }
      timeouts.put(functionName, timeout);
      return this;
    }

    /** The region in AWS_REGION; us-east-1 by default. */
    public Builder region(String value) {
      this.region = Objects.requireNonNull(value);
      return this;
    }

    public HandlerTaskInvoker build() {
      return new HandlerTaskInvoker(this);
    }
  }
}
