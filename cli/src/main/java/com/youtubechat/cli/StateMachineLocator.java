package com.youtubechat.cli;

import java.util.Map;
import java.util.Optional;

/**
 * Which state machine {@code status} lists: {@code --state-machine-arn}, else the
 * {@code YoutubeChatStateMachineArn} output of {@code --stack}, else
 * {@code YOUTUBE_CHAT_STATE_MACHINE_ARN}, else that output of the stack {@code youtube-chat} (the
 * stack name in samconfig.toml).
 */
final class StateMachineLocator {

  static final String DEFAULT_STACK = "youtube-chat";
  static final String OUTPUT = "YoutubeChatStateMachineArn";
  static final String ENV = "YOUTUBE_CHAT_STATE_MACHINE_ARN";

  /** The ARN and where it came from, for the listing's first line. */
  record Located(String arn, String source) {}

  private StateMachineLocator() {}

  static Located locate(Optional<String> arnOption, Optional<String> stackOption, Environment environment,
      AwsClients aws) {
    if (arnOption.isPresent()) {
      return new Located(arnOption.get(), "--state-machine-arn");
    }
    if (stackOption.isEmpty()) {
      Optional<String> fromEnv = environment.get(ENV);
      if (fromEnv.isPresent()) {
        return new Located(fromEnv.get(), ENV);
      }
    }
    String stackName = stackOption.orElse(DEFAULT_STACK);
    Map<String, String> outputs = StackOutputs.of(aws, stackName).orElseThrow(() -> notFound(stackName, aws));
    String arn = outputs.get(OUTPUT);
    if (arn == null || arn.isBlank()) {
      throw new CommandFailure("Stack " + stackName + " has no output " + OUTPUT
          + " (is it the YouTube Chat stack?); pass --state-machine-arn instead");
    }
    return new Located(arn, "stack " + stackName);
  }

  private static CommandFailure notFound(String stackName, AwsClients aws) {
    return new CommandFailure("There is no CloudFormation stack " + stackName + " in " + aws.region()
        + ": deploy it (sam deploy), name yours with --stack, or pass --state-machine-arn (or set " + ENV + ")");
  }
}
