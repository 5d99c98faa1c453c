package com.youtubechat.cli;

import com.youtubechat.emulators.CohereEmulator;
import com.youtubechat.emulators.PusherEmulator;
import com.youtubechat.emulators.YoutubeEmulator;
import com.youtubechat.local.LambdaFunction;
import com.youtubechat.shared.config.ConfigReader;
import com.youtubechat.shared.model.VideoRecord;
import com.youtubechat.shared.xata.SchemaMigrator;
import com.youtubechat.shared.xata.XataConnection;
import com.youtubechat.shared.xata.XataSettings;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Command;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = {
        "Run the whole pipeline on a bundled sample video, on this machine and offline.",
        "%nRuns the project's state machine (template.yaml and statemachine/youtube-chat.asl.json: the"
            + " working directory's when it is the project root, else the copies in the jar) through the local"
            + " executor, with the four functions' real handlers. YouTube, Cohere and Pusher are emulators on"
            + " loopback; the database is a throwaway PostgreSQL that the command starts (initdb in a temporary"
            + " directory, a free loopback port) and deletes when it ends, also on Ctrl-C. It needs the"
            + " PostgreSQL server binaries (PG_BIN, else /usr/lib/postgresql/15/bin, else pg_config --bindir)"
            + " with pgvector; as root the server runs as the postgres user.",
        "%nWith XATA_DB_URL set in the environment (not only in .env, which usually names your real database)"
            + " the demo uses that database instead: it applies the schema and replaces the demo row "
            + SampleVideo.RECORD_ID + " and its embeddings.",
        "%nPrints each state as it runs, then a summary. Exit status 0 when the execution SUCCEEDED, 1"
            + " otherwise."})
final class DemoCommand extends BaseCommand {

  DemoCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    long start = System.nanoTime();
    PrintWriter out = context.out();
    SampleVideo sample = SampleVideo.load();
    out.println("YouTube Chat demo: the whole state machine on a sample video, on this machine, offline.");
    out.println();
    try (ProjectFiles project = ProjectFiles.locate(Path.of("").toAbsolutePath());
         DemoDatabase database = DemoDatabase.open(context);
         YoutubeEmulator youtube = new YoutubeEmulator();
         CohereEmulator cohere = new CohereEmulator();
         PusherEmulator pusher = new PusherEmulator();
         XataConnection connection = new XataConnection(database.settings())) {
      youtube.add(sample.fake());
      replaceDemoRow(connection, sample);
      out.println(field("Services", "YouTube, Cohere and Pusher emulators on 127.0.0.1 (ports " + port(youtube.baseUrl())
          + ", " + port(cohere.baseUrl()) + ", " + port(pusher.baseUrl()) + ")"));
      out.println(field("Definition", project.description()));
      out.println(field("Video", "\"" + sample.title() + "\" (YouTube " + sample.youtubeId() + ", "
          + sample.lines().size() + " caption lines), row " + SampleVideo.RECORD_ID));
      out.println();
      out.println("Running the state machine:");
      out.flush();

      Map<String, String> environment = new HashMap<>(database.functionEnvironment());
      environment.putAll(youtube.environment());
      environment.putAll(cohere.environment());
      environment.putAll(pusher.environment());
      VideoRecord record = new VideoRecord(SampleVideo.RECORD_ID, sample.youtubeId(), sample.url());
      Duration setup = since(start);
      LocalPipeline.Outcome outcome = LocalPipeline.run(context, project, environment,
          InsertEvent.of(record, LambdaFunction.LOCAL_ACCOUNT, LambdaFunction.LOCAL_REGION, Instant.now()));

      RunSummary.print(out, outcome, RunSummary.VideoRow.read(connection, record.id()), Optional.of(pusher.events()),
          setup, since(start));
      if (!outcome.execution().succeeded()) {
        context.err().println("error: the demo's execution ended " + outcome.execution().status());
        return Cli.FAILURE;
      }
      return 0;
    }
  }

  /** The sample's row as the web app inserts it: any earlier demo row (and its embeddings) goes first. */
  static void replaceDemoRow(XataConnection connection, SampleVideo sample) {
    connection.inTransaction("Replacing the demo video's row", sql -> {
      try (PreparedStatement delete = sql.prepareStatement("DELETE FROM videos WHERE id = ?");
           PreparedStatement insert = sql.prepareStatement("INSERT INTO videos (id, youtube_id, url) VALUES (?, ?, ?)")) {
        delete.setString(1, SampleVideo.RECORD_ID);
        delete.executeUpdate();
        insert.setString(1, SampleVideo.RECORD_ID);
        insert.setString(2, sample.youtubeId());
        insert.setString(3, sample.url());
        insert.executeUpdate();
      }
      return null;
    });
  }

  static String field(String name, String value) {
    return String.format(java.util.Locale.ROOT, "%-12s%s", name, value);
  }

  private static String port(String baseUrl) {
    return baseUrl.substring(baseUrl.lastIndexOf(':') + 1);
  }

  private static Duration since(long startNanos) {
    return Duration.ofNanos(System.nanoTime() - startNanos);
  }

  /**
   * The demo's database: a throwaway local server, or the one XATA_DB_URL names (set in the
   * process environment). Either way the schema is applied before the run.
   */
  static final class DemoDatabase implements AutoCloseable {

    private final CliContext context;
    private final LocalPostgres server;
    private final XataSettings settings;
    private final Map<String, String> functionEnvironment;

    private DemoDatabase(CliContext context, LocalPostgres server, XataSettings settings,
        Map<String, String> functionEnvironment) {
      this.context = context;
      this.server = server;
      this.settings = settings;
      this.functionEnvironment = functionEnvironment;
    }

    static DemoDatabase open(CliContext context) {
      Environment environment = context.environment();
      PrintWriter out = context.out();
      long start = System.nanoTime();
      Optional<String> url = environment.get("XATA_DB_URL");
      if (url.isPresent() && !environment.fromDotEnv("XATA_DB_URL")) {
        ConfigReader config = environment.config();
        XataSettings settings = XataSettings.read(config);
        config.validate();
        try (XataConnection database = new XataConnection(settings)) {
          new SchemaMigrator(database).apply();
        }
        Map<String, String> variables = new HashMap<>();
        variables.put("XATA_DB_URL", url.get());
        environment.get("XATA_API_KEY").ifPresent(key -> variables.put("XATA_API_KEY", key));
        out.println(field("Database", Databases.displayUrl(settings) + " (XATA_DB_URL): schema applied, the demo row "
            + SampleVideo.RECORD_ID + " and its embeddings replaced"));
        return new DemoDatabase(context, null, settings, variables);
      }
      if (url.isPresent()) {
        out.println(field("Note", "XATA_DB_URL in .env is not used by the demo (it would write the demo video there);"
            + " set it in the environment to use that database"));
      }
      Path bin = LocalPostgres.findBinaries(environment);
      out.println(field("Database", "starting a throwaway PostgreSQL (" + bin + ") ..."));
      out.flush();
      LocalPostgres server = LocalPostgres.start(bin);
      try {
        if (!server.hasPgvector()) {
          throw new CommandFailure("The PostgreSQL in " + bin + " has no pgvector (the 'vector' extension): run"
              + " scripts/ensure-pgvector.sh as root from the project directory (make demo does), or set XATA_DB_URL"
              + " to a database that has it");
        }
        XataSettings settings = server.settings();
        try (XataConnection database = new XataConnection(settings)) {
          new SchemaMigrator(database).apply();
        }
        out.println(field("", "PostgreSQL " + server.version() + " on 127.0.0.1:" + server.port() + ", data in "
            + server.directory() + ", schema applied (" + ExecutionReport.duration(since(start)) + ")"));
        return new DemoDatabase(context, server, settings, Map.of("XATA_DB_URL", server.url()));
      } catch (RuntimeException e) {
        server.close();
        throw e;
      }
    }

    XataSettings settings() {
      return settings;
    }

    /** What the functions need to reach it. */
    Map<String, String> functionEnvironment() {
      return functionEnvironment;
    }

    @Override
    public void close() {
      if (server != null) {
        server.close();
        context.out().println();
        context.out().println("Stopped PostgreSQL and deleted " + server.directory());
        context.out().flush();
      }
    }
  }
}
