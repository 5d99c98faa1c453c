package com.youtubechat.local;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.youtubechat.local.asl.State.TaskState;
import com.youtubechat.local.asl.StateMachineDefinition;
import com.youtubechat.local.asl.Template;
import com.youtubechat.local.sam.SamProject;
import com.youtubechat.local.sam.StateMachineResource;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import java.util.random.RandomGenerator;

/**
 * Runs a Step Functions state machine (JSONata ASL) in this JVM, its Lambda tasks through a
 * {@link TaskInvoker}: the project's handlers ({@link HandlerTaskInvoker}) or fakes.
 *
 * <pre>{@code
 * LocalStateMachine machine = LocalStateMachine.fromProject(Path.of("."),
 *     HandlerTaskInvoker.builder().environments(envByFunction).build(), Sleeper.real());
 * Execution execution = machine.start(event);   // refused unless the event matches the rule
 * }</pre>
 *
 * <p>Everything is checked when the machine is built: a definition using anything the executor
 * does not implement is refused with a {@link DefinitionException}. An instance is thread-safe and
 * can run any number of executions.
 */
public final class LocalStateMachine {

  private final String name;
  private final StateMachineDefinition definition;
  private final Map<String, LambdaFunction> functions;
  private final List<EventPattern> eventPatterns;
  private final Interpreter interpreter;
  private final ExecutionListener listener;
  private final Clock clock;

  private LocalStateMachine(Builder builder, StateMachineDefinition definition) {
    this.name = builder.name;
    this.definition = definition;
    this.functions = Collections.unmodifiableMap(new LinkedHashMap<>(builder.functions));
    this.eventPatterns = List.copyOf(builder.eventPatterns);
    this.listener = builder.listener;
    this.clock = builder.clock;
    this.interpreter = new Interpreter(new FunctionResolver(functions), builder.invoker, builder.sleeper,
        builder.random);
  }

  /**
   * The project's state machine (its only {@code AWS::Serverless::StateMachine}) with the functions
   * and the EventBridge rules of {@code projectRoot/template.yaml}. The root may be on any file
   * system: the youtube-chat jar passes a directory inside itself (a zip file system).
   */
  public static LocalStateMachine fromProject(Path projectRoot, TaskInvoker invoker, Sleeper sleeper) {
    return builderFromProject(projectRoot).invoker(invoker).sleeper(sleeper).build();
  }

  /** A builder holding the project's state machine, functions and rules; set at least the invoker. */
  public static Builder builderFromProject(Path projectRoot) {
    return builderFromProject(projectRoot, Map.of());
  }

  /**
   * As {@link #builderFromProject(Path)}, with the template's parameters set as {@code sam deploy
   * --parameter-overrides} sets them (see {@link SamProject#read(Path, Map)}), e.g. the one that
   * gives the functions a reserved concurrency.
   */
  public static Builder builderFromProject(Path projectRoot, Map<String, String> parameterOverrides) {
    SamProject project = SamProject.read(projectRoot, parameterOverrides);
    return builderFrom(project, project.stateMachine());
  }

  /** As {@link #builderFromProject(Path)}, for the state machine with this logical id. */
  public static Builder builderFromProject(Path projectRoot, String stateMachineLogicalId) {
    return builderFromProject(projectRoot, stateMachineLogicalId, Map.of());
  }

  /** As {@link #builderFromProject(Path, Map)}, for the state machine with this logical id. */
  public static Builder builderFromProject(Path projectRoot, String stateMachineLogicalId,
      Map<String, String> parameterOverrides) {
    SamProject project = SamProject.read(projectRoot, parameterOverrides);
    return builderFrom(project, project.stateMachine(stateMachineLogicalId));
  }

  private static Builder builderFrom(SamProject project, StateMachineResource resource) {
    Builder builder = new Builder(resource.definition()).name(resource.logicalId())
        .functions(project.functions().values());
    resource.eventPatterns().forEach(builder::eventPattern);
    return builder;
  }

  /** A builder for a definition (DefinitionSubstitutions, if any, already applied). */
  public static Builder builder(JsonNode definition) {
    return new Builder(definition);
  }

  /**
   * Starts an execution for an event, as the EventBridge rules of the state machine would: the
   * event must match one of their patterns.
   *
   * @throws EventPatternMismatchException when it matches none; nothing runs
   * @throws IllegalStateException when no rule starts this state machine (use {@link #startExecution})
   */
  public Execution start(JsonNode event) {
    if (eventPatterns.isEmpty()) {
      throw new IllegalStateException("no EventBridge rule starts " + name
          + "; use startExecution(input) to run it on any input");
    }
    List<String> reasons = new ArrayList<>();
    for (EventPattern pattern : eventPatterns) {
      Optional<String> mismatch = pattern.mismatch(event);
      if (mismatch.isEmpty()) {
        return startExecution(event);
      }
      reasons.add(pattern.source() + ": " + mismatch.get());
    }
    throw new EventPatternMismatchException("The event matches no rule that starts " + name
        + ", so EventBridge would not start it: " + String.join("; ", reasons));
  }

  /** Starts an execution with any input (as StartExecution does; null means {@code {}}) and runs it to the end. */
  public Execution startExecution(JsonNode input) {
    JsonNode executionInput = input == null ? JsonNodeFactory.instance.objectNode() : input;
    Interpreter.checkSize(executionInput, "the execution input");
    String stateMachineArn = "arn:aws:states:" + LambdaFunction.LOCAL_REGION + ":" + LambdaFunction.LOCAL_ACCOUNT
        + ":stateMachine:" + name;
    Run run = new Run(name, stateMachineArn, UUID.randomUUID().toString(), executionInput, clock, listener);
    ExecutionStatus status;
    JsonNode output = null;
    String error = null;
    String cause = null;
    try {
      output = interpreter.runBranch(definition.main(), executionInput, new Variables(null), run);
      status = ExecutionStatus.SUCCEEDED;
    } catch (StatesException e) {
      status = ExecutionStatus.FAILED;
      error = e.error();
      cause = e.errorCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      status = ExecutionStatus.ABORTED;
    }
    return new Execution(run.executionArn, run.name, status, executionInput, output, error, cause, run.startTime,
        clock.instant(), run.history());
  }

  public String name() {
    return name;
  }

  public StateMachineDefinition definition() {
    return definition;
  }

  /** The functions tasks can invoke, by name. */
  public Map<String, LambdaFunction> functions() {
    return functions;
  }

  /** The patterns {@link #start} checks events against. */
  public List<EventPattern> eventPatterns() {
    return eventPatterns;
  }

  /** Configures a {@link LocalStateMachine}. Only the invoker is required. */
  public static final class Builder {

    private final JsonNode definitionJson;
    private String name = "LocalStateMachine";
    private final Map<String, LambdaFunction> functions = new LinkedHashMap<>();
    private final List<EventPattern> eventPatterns = new ArrayList<>();
    private TaskInvoker invoker;
    private Sleeper sleeper = Sleeper.real();
    private RandomGenerator random = new SecureRandom();
    private ExecutionListener listener = ExecutionListener.logging();
    private Clock clock = Clock.systemUTC();

    private Builder(JsonNode definition) {
      this.definitionJson = Objects.requireNonNull(definition, "definition");
    }

    /** The state machine's name (in ARNs and {@code $states.context.StateMachine.Name}). */
    public Builder name(String value) {
      this.name = Objects.requireNonNull(value);
      return this;
    }

    /** A function tasks may invoke (by name, name:qualifier or ARN); replaces one of the same name. */
    public Builder function(LambdaFunction function) {
      functions.put(function.name(), function);
      return this;
    }

    public Builder functions(Collection<LambdaFunction> values) {
      values.forEach(this::function);
      return this;
    }

    /** Changes a function already added, e.g. to shorten its timeout in a test. */
    public Builder replaceFunction(String functionName, java.util.function.UnaryOperator<LambdaFunction> change) {
      LambdaFunction function = functions.get(functionName);
      if (function == null) {
        throw new IllegalArgumentException("no function " + functionName + " among " + functions.keySet());
      }
      functions.put(functionName, change.apply(function));
      return this;
    }

    /** A pattern {@link LocalStateMachine#start} accepts events by (any one matching is enough). */
    public Builder eventPattern(EventPattern pattern) {
      eventPatterns.add(pattern);
      return this;
    }

    public Builder invoker(TaskInvoker value) {
      this.invoker = Objects.requireNonNull(value);
      return this;
    }

    /** Waits between retries; {@link Sleeper#real()} by default. */
    public Builder sleeper(Sleeper value) {
      this.sleeper = Objects.requireNonNull(value);
      return this;
    }

    /**
     * The random source of FULL jitter; a {@link SecureRandom} by default. It need not be
     * thread-safe: the machine serialises its calls, whatever the executions running at once.
     */
    public Builder random(RandomGenerator value) {
      this.random = Objects.requireNonNull(value);
      return this;
    }

    /** Told of each history event; {@link ExecutionListener#logging()} by default. */
    public Builder listener(ExecutionListener value) {
      this.listener = Objects.requireNonNull(value);
      return this;
    }

    /** The clock of timestamps (history, context object); the system's UTC clock by default. */
    public Builder clock(Clock value) {
      this.clock = Objects.requireNonNull(value);
      return this;
    }

    /**
     * Checks and parses the definition, checks that every literal FunctionName names one of the
     * functions, and lets the invoker check the functions it will run.
     *
     * @throws DefinitionException (or {@link UnsupportedFeatureException}) when anything cannot run
     */
    public LocalStateMachine build() {
      if (invoker == null) {
        throw new IllegalStateException("set a TaskInvoker (HandlerTaskInvoker, or a fake)");
      }
      StateMachineDefinition definition = StateMachineDefinition.parse(definitionJson);
      FunctionResolver resolver = new FunctionResolver(functions);
      for (TaskState task : definition.tasks()) {
        if (task.arguments() instanceof Template.ObjectTemplate arguments
            && arguments.fields().get("FunctionName") instanceof Template.Literal literal) {
          String where = "States." + task.name() + ".Arguments.FunctionName";
          if (!literal.value().isTextual()) {
            throw new DefinitionException(where + ": must be a string");
          }
          try {
            resolver.resolve(literal.value().textValue());
          } catch (StatesException e) {
            throw new DefinitionException(where + ": " + e.errorCause());
          }
        }
      }
      invoker.prepare(functions.values());
      return new LocalStateMachine(this, definition);
    }
  }

  @Override
  public String toString() {
    return "LocalStateMachine(" + name + ")";
  }
}
