package com.youtubechat.chatready;

import com.amazonaws.services.lambda.runtime.Context;
import com.youtubechat.shared.lambda.ContainerService;
import com.youtubechat.shared.lambda.JsonStreamHandler;
import java.util.Map;

/** Lambda entry point of the ChatReady step. Input: {@code {videoId}}; output: {@link ChatReadyResult}. */
public final class ChatReadyHandler extends JsonStreamHandler<ChatReadyRequest, ChatReadyResult> {

  private final ContainerService<ChatReadyService> service;

  /**
   * Used by Lambda: the service is built on the first invocation (after SnapStart's restore, so no
   * secret is in the snapshot) and reused; SnapStart hooks prime a stand-in before the snapshot.
   */
  public ChatReadyHandler() {
    this(System.getenv());
    registerPriming(service);
  }

  /** Configured from the given variables instead of the process environment (local runs, tests). */
  public ChatReadyHandler(Map<String, String> environment) {
    this(ContainerService.fromEnvironment(environment, ChatReadyService::fromEnvironment));
  }

  public ChatReadyHandler(ChatReadyService service) {
    this(ContainerService.of(service));
  }

  private ChatReadyHandler(ContainerService<ChatReadyService> service) {
    super(ChatReadyRequest.class);
    this.service = service;
  }

  @Override
  protected ChatReadyResult handle(ChatReadyRequest input, Context context) {
    return service.get().announce(input);
  }
}
