package com.youtubechat.cli;

import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.Predicate;
import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import software.amazon.awssdk.services.sfn.SfnClient;

@Command(name = "status", mixinStandardHelpOptions = true,
    description = {
        "List a video's Step Functions executions (or show one execution), with errors of failed ones.",
        "%nLists the Step Functions executions for a video, newest first, with their status and duration,"
            + " and the error and cause of failed ones; or shows one execution given its ARN.",
        "%nA video is a YouTube URL or id (matching executions whose input's detail.youtubeId or detail.url"
            + " names it) or a record id rec_... (matching detail.id).",
        "%nThe state machine is --state-machine-arn, else the YoutubeChatStateMachineArn output of --stack,"
            + " else YOUTUBE_CHAT_STATE_MACHINE_ARN, else that output of the stack youtube-chat."})
final class StatusCommand extends BaseCommand {

  static final Duration WAIT_FOR_FIRST = Duration.ofSeconds(60);

  @Parameters(index = "0", paramLabel = "<url|id|execution-arn>",
      description = "A YouTube URL or id, a videos record id (rec_...), or an execution ARN.")
  String target;

  @ArgGroup(exclusive = true)
  StateMachineChoice stateMachine = new StateMachineChoice();

  static final class StateMachineChoice {
    @Option(names = "--state-machine-arn", paramLabel = "ARN", description = "The state machine to look in.")
    String arn;

    @Option(names = "--stack", paramLabel = "NAME",
        description = "Read the state machine ARN from this CloudFormation stack's outputs (default: youtube-chat).")
    String stack;
  }

  @Option(names = {"-w", "--watch"},
      description = "Poll until no execution is running; waits up to 60 s for a first execution to appear."
          + " Exits 1 when the newest execution did not succeed.")
  boolean watch;

  @Option(names = "--interval", paramLabel = "SECONDS", defaultValue = "5",
      description = "Seconds between polls with --watch (default: ${DEFAULT-VALUE}).")
  double intervalSeconds;

  @Option(names = "--limit", paramLabel = "N", defaultValue = "100",
      description = "How many of the newest executions to examine (default: ${DEFAULT-VALUE}).")
  int limit;

  @Option(names = "--endpoint-url", paramLabel = "URL",
      description = "AWS endpoint to use instead of AWS's (e.g. a moto server); default: AWS_ENDPOINT_URL.")
  java.net.URI endpointUrl;

  StatusCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() throws InterruptedException {
    StatusTarget parsed;
    try {
      parsed = StatusTarget.parse(target);
    } catch (IllegalArgumentException e) {
      throw usageError(e.getMessage());
    }
    if (intervalSeconds < 0.1 || intervalSeconds > 3_600) {
      throw usageError("--interval must be between 0.1 and 3600 seconds");
    }
    if (limit < 1 || limit > 10_000) {
      throw usageError("--limit must be between 1 and 10000");
    }
    Duration interval = Duration.ofMillis(Math.round(intervalSeconds * 1000));
    try (AwsClients aws = new AwsClients(context.environment(), endpoint(endpointUrl))) {
      if (parsed instanceof StatusTarget.Execution execution) {
        return showExecution(aws.sfn(), execution.arn(), interval);
      }
      StateMachineLocator.Located located = StateMachineLocator.locate(Optional.ofNullable(stateMachine.arn),
          Optional.ofNullable(stateMachine.stack), context.environment(), aws);
      Predicate<JsonNode> matches = switch (parsed) {
        case StatusTarget.RecordId record -> record::matches;
        case StatusTarget.YoutubeVideo video -> video::matches;
        case StatusTarget.Execution ignored -> throw new IllegalStateException("handled above");
      };
      return listVideo(new ExecutionFinder(aws.sfn(), located.arn(), matches, limit), parsed, located, interval);
    }
  }

  private int listVideo(ExecutionFinder finder, StatusTarget video, StateMachineLocator.Located located,
      Duration interval) throws InterruptedException {
    var out = context.out();
    out.println("State machine " + located.arn() + " (from " + located.source() + ")");
    Instant waitUntil = Instant.now().plus(WAIT_FOR_FIRST);
    String lastSnapshot = null;
    boolean waitingNoted = false;
    while (true) {
      List<ExecutionInfo> found = finder.find().stream()
          .sorted(Comparator.comparing(ExecutionInfo::start).reversed())
          .toList();
      String snapshot = found.stream().map(e -> e.arn() + "=" + e.status()).toList().toString();
      if (!snapshot.equals(lastSnapshot)) {
        if (found.isEmpty()) {
          out.println("No executions for " + video + " among the " + limit + " newest executions.");
        } else {
          out.println(found.size() + (found.size() == 1 ? " execution" : " executions") + " for " + video + ":");
          ExecutionReport.print(out, found, Instant.now(), context.verbose());
        }
        out.flush();
        lastSnapshot = snapshot;
      }
      if (!watch) {
        return 0;
      }
      if (found.isEmpty()) {
        if (Instant.now().isAfter(waitUntil)) {
          throw new CommandFailure("No execution for " + video + " started within " + WAIT_FOR_FIRST.toSeconds()
              + " s: was the event published, and does the EventBridge rule target this state machine?");
        }
        if (!waitingNoted) {
          context.err().println("Waiting up to " + WAIT_FOR_FIRST.toSeconds() + " s for an execution to start...");
          waitingNoted = true;
        }
      } else if (found.stream().noneMatch(ExecutionInfo::running)) {
        return outcome(found.get(0));
      }
      Thread.sleep(interval);
    }
  }

  private int showExecution(SfnClient sfn, String arn, Duration interval) throws InterruptedException {
    String lastStatus = null;
    while (true) {
      ExecutionInfo info = ExecutionInfo.of(sfn.describeExecution(request -> request.executionArn(arn)));
      if (!info.status().equals(lastStatus)) {
        ExecutionReport.print(context.out(), List.of(info), Instant.now(), context.verbose());
        context.out().flush();
        lastStatus = info.status();
      }
      if (!watch) {
        return 0;
      }
      if (!info.running()) {
        return outcome(info);
      }
      Thread.sleep(interval);
    }
  }

  /** What --watch exits with once the execution stopped: 0 when it succeeded, a failure otherwise. */
  private static int outcome(ExecutionInfo execution) {
    if (!"SUCCEEDED".equals(execution.status())) {
      throw new CommandFailure("Execution " + execution.name() + " ended " + execution.status());
    }
    return 0;
  }
}
