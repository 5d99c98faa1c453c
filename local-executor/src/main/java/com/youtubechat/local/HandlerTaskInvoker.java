package com.youtubechat.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.NullNode;
import com.youtubechat.shared.config.SecretVariables;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
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
 *
 * <p>Concurrency is Lambda's, so that a load run shows the throttles and cold starts AWS would: each
 * function has a pool of containers, each running one invocation at a time. An invocation takes an
 * idle container, or starts a new one if the function is below its limit: its
 * {@link LambdaFunction#reservedConcurrency() reserved concurrency} when it has one, else the
 * {@link Builder#accountConcurrency(int) account's unreserved concurrency}, which all functions
 * without a reservation share (a reserved function's invocations do not count against it). Past
 * the limit the invocation fails at once with {@code Lambda.TooManyRequestsException}, as Lambda
 * throttles a synchronous invoke: nothing queues, a Retry on that error is the state machine's to
 * declare. A container that timed out or threw an {@link Error}, or whose invocation was stopped
 * (its Parallel branch cancelled), is thrown away and frees its slot at once, as Lambda resets its
 * environment; its handler thread, interrupted, may linger until it notices. {@link #stats()}
 * counts, per function, the peak concurrency, the containers started and the throttles.
 *
 * <p>An instance is thread-safe: any number of executions may share it and its warm containers.
 */
public final class HandlerTaskInvoker implements TaskInvoker {

  private static final System.Logger LOG = System.getLogger(HandlerTaskInvoker.class.getName());
  private static final ObjectMapper MAPPER = new ObjectMapper();
  private static final AtomicInteger THREADS = new AtomicInteger();

  private final Function<LambdaFunction, Map<String, String>> environments;
  private final boolean passUndeclaredVariables;
  private final Map<String, Duration> timeouts;
  private final String region;
  private final int accountConcurrency;
  private final Set<String> warned = ConcurrentHashMap.newKeySet();
  /** Guards {@link #pools} (and every {@link Pool}'s fields) and {@link #unreservedRunning}. */
  private final Object lock = new Object();
  private final Map<String, Pool> pools = new HashMap<>();
  /** Invocations running in functions without reserved concurrency: the account's unreserved pool in use. */
  private int unreservedRunning;

  private HandlerTaskInvoker(Builder builder) {
    this.environments = builder.environments;
    this.passUndeclaredVariables = builder.passUndeclaredVariables;
    this.timeouts = Map.copyOf(builder.timeouts);
    this.region = builder.region;
    this.accountConcurrency = builder.accountConcurrency;
  }

  /** One function's containers and counters; every field is guarded by {@link #lock}. */
  private static final class Pool {
    /** The warm containers; the most recently used is taken first, as Lambda tends to. */
    final Deque<RequestStreamHandler> idle = new ArrayDeque<>();
    int running;
    int peak;
    long invocations;
    long coldStarts;
    long throttles;
  }

  /**
   * An invocation's slot: the pool it runs in, whether it counts against the account's unreserved
   * concurrency, and the warm container it got (null: it starts one).
   */
  private record Slot(Pool pool, boolean unreserved, RequestStreamHandler warm) {}

  /**
   * What a function's invocations did so far: running now, the most that ran at once, how many
   * got a container (ran), how many containers were started (cold starts, a constructor that
   * failed included: its init ran) and how many were throttled.
   */
  public record FunctionStats(int running, int peakConcurrency, long invocations, long coldStarts,
      long throttles) {}

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Checks that each function's handler can be run: a loadable RequestStreamHandler with a Map
   * constructor. The functions appear in {@link #stats()} from then on.
   */
  @Override
  public void prepare(Collection<LambdaFunction> functions) {
    for (LambdaFunction function : functions) {
      constructor(function);
    }
    synchronized (lock) {
      functions.forEach(function -> pools.computeIfAbsent(function.name(), name -> new Pool()));
    }
  }

  /**
   * Runs the handler in a warm or new container.
   *
   * @throws StatesException {@code Lambda.TooManyRequestsException} at once when the function is
   *     at its concurrency limit (the handler does not run); the handler's failures as described above
   */
  @Override
  public JsonNode invoke(LambdaFunction function, JsonNode payload) throws InterruptedException {
    Duration timeout = timeouts.getOrDefault(function.name(), function.timeout());
    byte[] input = bytes(payload == null ? NullNode.getInstance() : payload);
    Slot slot = claim(function);
    RequestStreamHandler handler = null;
    boolean keepWarm = false;
    try {
      handler = slot.warm() != null ? slot.warm() : instantiate(function);
      RequestStreamHandler container = handler;
      long deadline = System.nanoTime() + timeout.toNanos();
      CompletableFuture<byte[]> result = new CompletableFuture<>();
      Thread worker = Thread.ofPlatform().daemon(true)
          .name("lambda-" + function.name() + "-" + THREADS.incrementAndGet())
          .start(() -> {
            try {
              ByteArrayOutputStream output = new ByteArrayOutputStream();
              container.handleRequest(new ByteArrayInputStream(input), output, new LambdaContext(function, deadline));
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
        keepWarm = !(thrown instanceof Error);
        throw LambdaErrors.fromThrowable(thrown);
      }
      keepWarm = true;
      return parse(function, output);
    } finally {
      release(slot, keepWarm ? handler : null);
    }
  }

  /**
   * Takes a slot for an invocation, with a warm container if one is idle, or throttles it: the
   * function is at its reserved concurrency, or (without one) the unreserved functions together
   * are at the account's.
   */
  private Slot claim(LambdaFunction function) {
    synchronized (lock) {
      Pool pool = pools.computeIfAbsent(function.name(), name -> new Pool());
      Integer reserved = function.reservedConcurrency();
      boolean unreserved = reserved == null;
      if (unreserved ? unreservedRunning >= accountConcurrency : pool.running >= reserved) {
        pool.throttles++;
        throw new StatesException(ErrorNames.LAMBDA_TOO_MANY_REQUESTS, "Rate Exceeded.");
      }
      if (unreserved) {
        unreservedRunning++;
      }
      pool.running++;
      pool.peak = Math.max(pool.peak, pool.running);
      pool.invocations++;
      RequestStreamHandler warm = pool.idle.poll();
      if (warm == null) {
        pool.coldStarts++;
      }
      return new Slot(pool, unreserved, warm);
    }
  }

  /** Frees an invocation's slot, keeping its container warm for the next one unless it is null (thrown away). */
  private void release(Slot slot, RequestStreamHandler keepWarm) {
    synchronized (lock) {
      slot.pool().running--;
      if (slot.unreserved()) {
        unreservedRunning--;
      }
      if (keepWarm != null) {
        slot.pool().idle.push(keepWarm);
      }
    }
  }

  /**
   * The counters of every function invoked or {@link #prepare prepared} so far, by name: a
   * consistent snapshot (taken at one instant), for a load benchmark's report.
   */
  public Map<String, FunctionStats> stats() {
    synchronized (lock) {
      Map<String, FunctionStats> snapshot = new TreeMap<>();
      pools.forEach((name, pool) -> snapshot.put(name, new FunctionStats(pool.running, pool.peak,
          pool.invocations, pool.coldStarts, pool.throttles)));
      return Collections.unmodifiableMap(snapshot);
    }
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
      } else if (secretGivenAsValue(name, given)) {
        // The template names an SSM parameter; a local run gives the secret's value instead.
        String variable = name.substring(0, name.length() - SecretVariables.PARAMETER_SUFFIX.length());
        environment.put(variable, given.get(variable));
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

  private static boolean secretGivenAsValue(String declared, Map<String, String> given) {
    return declared.endsWith(SecretVariables.PARAMETER_SUFFIX) && given.containsKey(
        declared.substring(0, declared.length() - SecretVariables.PARAMETER_SUFFIX.length()));
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
    private int accountConcurrency = Integer.MAX_VALUE;

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

    /**
     * How many invocations the functions without reserved concurrency may run at once, together:
     * Lambda's unreserved account concurrency, i.e. the account's limit (1,000 by default) minus
     * what the functions reserve. Functions with reserved concurrency are limited by it alone and
     * do not count against this. Unlimited by default.
     */
    public Builder accountConcurrency(int value) {
      if (value < 0) {
        throw new IllegalArgumentException("the account concurrency must not be negative");
      }
      this.accountConcurrency = value;
      return this;
    }

    public HandlerTaskInvoker build() {
      return new HandlerTaskInvoker(this);
    }
  }
}
