package com.youtubechat.chatready;

import com.amazonaws.services.lambda.runtime.Context;
import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.lambda.JsonStreamHandler;
import java.util.Map;

/** Lambda entry point of the ChatReady step. Input: {@code {videoId}}; output: {@link ChatReadyResult}. */
public final class ChatReadyHandler extends JsonStreamHandler<ChatReadyRequest, ChatReadyResult> {

  private final ChatReadyService service;

  /**
   * Used by Lambda: the service and its clients are built once per container, with SnapStart hooks
   * that prime them before the snapshot and drop any connection after a restore.
   */
  public ChatReadyHandler() {
    this(ChatReadyService.fromEnvironment(ConfigReader.fromSystemEnvironment()));
    registerPriming(service::prime, service::reset);
  }

  /** Configured from the given variables instead of the process environment (local runs, tests). */
  public ChatReadyHandler(Map<String, String> environment) {
    this(ChatReadyService.fromEnvironment(new ConfigReader(environment)));
  }

  public ChatReadyHandler(ChatReadyService service) {
    super(ChatReadyRequest.class);
    this.service = service;
  }

  @Override
  protected ChatReadyResult handle(ChatReadyRequest input, Context context) {
    return service.announce(input);
  }
}
