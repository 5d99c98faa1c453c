package com.youtubechat.cli;

/** A failure the command has already put into words: printed as one line, exit status 1. */
public final class CommandFailure extends RuntimeException {

  public CommandFailure(String message) {
    super(message);
  }

  public CommandFailure(String message, Throwable cause) {
    super(message, cause);
  }
}
