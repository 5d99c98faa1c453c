package com.youtubechat.local;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Collection;

/**
 * Runs a Lambda function for a {@code lambda:invoke} task. {@link HandlerTaskInvoker} runs the real
 * handler in-process; tests plug in fakes.
 */
@FunctionalInterface
public interface TaskInvoker {

  /**
   * Invokes {@code function} with {@code payload} (JSON null when the task has no Payload) and
   * returns the function's JSON output, the task result's {@code Payload}.
   *
   * <p>To fail, throw a {@link StatesException} to choose the error name and cause exactly (for
   * example {@code Lambda.ServiceException}), or any other exception: it is named as Lambda names a
   * Java handler's exception, its fully-qualified class name ({@code Lambda.Unknown} for an
   * {@link Error}), with the runtime's error JSON as the cause. An {@link InterruptedException}
   * means the invocation was stopped (its Parallel branch was cancelled).
   */
  JsonNode invoke(LambdaFunction function, JsonNode payload) throws Exception;

  /**
   * Called once when a state machine is built, with the functions its tasks may invoke, so an
   * invoker can refuse what it cannot run (a missing handler class, say) before any execution.
   */
  default void prepare(Collection<LambdaFunction> functions) {}
}
