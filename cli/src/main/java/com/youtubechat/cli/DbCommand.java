package com.youtubechat.cli;

import com.youtubechat.shared.xata.SchemaMigrator;
import com.youtubechat.shared.xata.XataConnection;
import com.youtubechat.shared.xata.XataSettings;
import picocli.CommandLine.Command;

@Command(name = "db", mixinStandardHelpOptions = true, synopsisSubcommandLabel = "COMMAND",
    description = "Database commands: migrate.")
final class DbCommand extends BaseCommand {

  DbCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    throw usageError("Missing the db command (migrate)");
  }

  @Command(name = "migrate", mixinStandardHelpOptions = true,
      description = {
          "Apply the schema to the database (idempotent).",
          "%nApplies the schema (shared/src/main/resources/db/schema.sql: CREATE ... IF NOT EXISTS, so safe to"
              + " repeat) to the database named by XATA_DB_URL, with XATA_API_KEY as its password."})
  static final class Migrate extends BaseCommand {

    Migrate(CliContext context) {
      super(context);
    }

    @Override
    public Integer call() {
      var config = context.environment().config();
      XataSettings settings = XataSettings.read(config);
      config.validate();
      try (XataConnection database = new XataConnection(settings)) {
        new SchemaMigrator(database).apply();
      }
      context.out().println("Schema applied to " + Databases.displayUrl(settings));
      return 0;
    }
  }
}
