package com.youtubechat.cli;

import com.youtubechat.local.LambdaFunction;
import com.youtubechat.shared.cohere.CohereSettings;
import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.pusher.PusherSettings;
import com.youtubechat.shared.transcript.ChunkerSettings;
import com.youtubechat.shared.xata.XataConnection;
import com.youtubechat.shared.xata.XataSettings;
import com.youtubechat.shared.youtube.YoutubeSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(name = "run", mixinStandardHelpOptions = true,
    description = {
        "Run the whole pipeline for one video on this machine, against the real services.",
        "%nDoes what the web app and AWS do, without AWS: makes sure the videos row exists (as publish does:"
            + " the row already there for that YouTube id, else a new one), builds the EventBridge insert event"
            + " and runs the project's state machine through the local executor, with the four functions' real"
            + " handlers calling YouTube, Cohere, Pusher and the database that the configuration names.",
        "%nConfiguration: the functions' variables (XATA_DB_URL, XATA_API_KEY, COHERE_*, PUSHER_*, YOUTUBE_*,"
            + " GOOGLE_API_KEY, TRANSCRIPT_LANGUAGES, CHUNK_*: the configuration table in README.md), from the"
            + " environment and .env; every problem is listed by name before anything runs. The state machine is template.yaml and"
            + " statemachine/youtube-chat.asl.json in the working directory when it is the project root, else the"
            + " copies in the jar.",
        "%nPrints each state as it runs, then a summary. Exit status 0 when the execution SUCCEEDED, 1"
            + " otherwise."})
final class RunCommand extends BaseCommand {

  /** The variables the functions read (shared's settings); only these are passed to the handlers. */
  static final List<String> FUNCTION_VARIABLE_PREFIXES =
      List.of("XATA_", "YOUTUBE_", "GOOGLE_API_KEY", "TRANSCRIPT_", "CHUNK_", "COHERE_", "PUSHER_");

  @Parameters(index = "0", paramLabel = "<url|id>", description = "A YouTube URL or 11-character video id.")
  String video;

  RunCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    long start = System.nanoTime();
    VideoArgument argument = videoArgument(video);
    Environment environment = context.environment();
    ConfigReader config = environment.config();
    XataSettings database = XataSettings.read(config);
    YoutubeSettings.read(config);
    ChunkerSettings.read(config);
    CohereSettings.read(config);
    PusherSettings.read(config);
    config.validate();

    PrintWriter out = context.out();
    try (ProjectFiles project = ProjectFiles.locate(Path.of("").toAbsolutePath());
         XataConnection connection = new XataConnection(database)) {
      VideoRows.Row row = new VideoRows(connection).findOrInsert(argument.youtubeId(), argument.url());
      out.println(DemoCommand.field("Database", Databases.displayUrl(database)));
      out.println(DemoCommand.field("Row", row.describe()));
      out.println(DemoCommand.field("Definition", project.description()));
      out.println();
      out.println("Running the state machine:");
      out.flush();

      Duration setup = Duration.ofNanos(System.nanoTime() - start);
      LocalPipeline.Outcome outcome = LocalPipeline.run(context, project, functionEnvironment(environment),
          InsertEvent.of(row.record(), LambdaFunction.LOCAL_ACCOUNT, LambdaFunction.LOCAL_REGION, Instant.now()));

      RunSummary.print(out, outcome, RunSummary.VideoRow.read(connection, row.record().id()), Optional.empty(),
          setup, Duration.ofNanos(System.nanoTime() - start));
      if (!outcome.execution().succeeded()) {
        context.err().println("error: the execution ended " + outcome.execution().status());
        return Cli.FAILURE;
      }
      return 0;
    }
  }

  static Map<String, String> functionEnvironment(Environment environment) {
    return environment.variables().entrySet().stream()
        .filter(entry -> FUNCTION_VARIABLE_PREFIXES.stream().anyMatch(prefix -> entry.getKey().startsWith(prefix)))
        .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
  }
}
