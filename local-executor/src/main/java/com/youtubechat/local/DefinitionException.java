package com.youtubechat.local;

/**
 * The state machine, the template or the event pattern cannot be loaded: it is invalid (a missing
 * state, a bad retrier) or, as the subclass {@link UnsupportedFeatureException}, valid for AWS but
 * not implemented by this executor. Thrown at load time, before anything runs. The message starts
 * with where the problem is, e.g. {@code States.ProcessVideo.Branches[0].States.Info.Retry[1]}.
 */
public class DefinitionException extends RuntimeException {

  public DefinitionException(String message) {
    super(message);
  }

  public DefinitionException(String message, Throwable cause) {
    super(message, cause);
  }
}
