package com.youtubechat.failure;

import com.amazonaws.services.lambda.runtime.Context;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.youtubechat.shared.lambda.ContainerService;
import com.youtubechat.shared.error.InvalidInputException;
import com.youtubechat.shared.lambda.JsonStreamHandler;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Lambda entry point of the safety net: a batch of SQS messages, each an EventBridge "Step
 * Functions Execution Status Change" event of an execution that ended FAILED, TIMED_OUT or ABORTED.
 * Output: the messages to try again (SQS partial batch response), so one failure does not send the
 * whole batch back.
 */
public final class ExecutionEndedHandler
    extends JsonStreamHandler<ExecutionEndedHandler.SqsBatch, ExecutionEndedHandler.BatchResponse> {

  /** The part of Lambda's SQS event this handler reads. */
  public record SqsBatch(@JsonProperty("Records") List<SqsMessage> records) {}

  public record SqsMessage(String messageId, String body) {}

  /** Lambda's partial batch response: the ids of the messages that failed and must come back. */
  public record BatchResponse(List<ItemFailure> batchItemFailures) {}

  public record ItemFailure(String itemIdentifier) {}

  private final ContainerService<FailureService> service;

  /**
   * Used by Lambda: the service is built on the first invocation (after SnapStart's restore, so no
   * secret is in the snapshot) and reused; SnapStart hooks prime a stand-in before the snapshot.
   */
  public ExecutionEndedHandler() {
    this(System.getenv());
    registerPriming(service);
  }

  /** Configured from the given variables instead of the process environment (local runs, tests). */
  public ExecutionEndedHandler(Map<String, String> environment) {
    this(ContainerService.fromEnvironment(environment, FailureService::fromEnvironment));
  }

  public ExecutionEndedHandler(FailureService service) {
    this(ContainerService.of(service));
  }

  private ExecutionEndedHandler(ContainerService<FailureService> service) {
    super(SqsBatch.class);
    this.service = service;
  }

  @Override
  protected BatchResponse handle(SqsBatch input, Context context) {
    List<SqsMessage> messages = input.records() == null ? List.of() : input.records();
    if (messages.stream().anyMatch(Objects::isNull)) {
      // SQS never sends one: the batch itself is malformed, and a null message has no id to retry by.
      throw new InvalidInputException("The batch's 'Records' holds a null entry: each must be an SQS message"
          + " {messageId, body}");
    }
    return new BatchResponse(service.get().recordEnded(messages).stream().map(ItemFailure::new).toList());
  }
}
