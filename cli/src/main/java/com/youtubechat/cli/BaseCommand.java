package com.youtubechat.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** What every command has: the run's context, {@code --verbose} (accepted before or after the command name). */
abstract class BaseCommand implements Callable<Integer> {

  @Spec
  CommandSpec spec;

  final CliContext context;

  BaseCommand(CliContext context) {
    this.context = context;
  }

  @Option(names = {"-v", "--verbose"},
      description = "Show the stack trace of a failure and the libraries' log messages.")
  void verbose(boolean on) {
    // Only ever switched on: picocli resets options to their defaults as it meets each command.
    if (on) {
      context.verbose(true);
    }
  }

  /** {@code --endpoint-url}'s value, checked: an absolute http(s) URL, or none. */
  java.util.Optional<java.net.URI> endpoint(java.net.URI option) {
    if (option != null && (option.getHost() == null
        || !("http".equals(option.getScheme()) || "https".equals(option.getScheme())))) {
      throw usageError("--endpoint-url must be an absolute http:// or https:// URL");
    }
    return java.util.Optional.ofNullable(option);
  }

  /** A {@code <url|id>} argument; one that names no YouTube video is a usage error. */
  VideoArgument videoArgument(String value) {
    try {
      return VideoArgument.parse(value);
    } catch (com.youtubechat.shared.error.InvalidInputException e) {
      throw usageError(e.getMessage());
    }
  }

  /** A usage error (exit status 2, usage printed) about this command's arguments. */
  ParameterException usageError(String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
