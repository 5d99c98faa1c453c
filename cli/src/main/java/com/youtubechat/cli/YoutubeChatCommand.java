package com.youtubechat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;

@Command(name = "youtube-chat", mixinStandardHelpOptions = true, versionProvider = YoutubeChatCommand.Version.class,
    synopsisSubcommandLabel = "COMMAND",
    description = {
        "Developer tool for the YouTube Chat pipeline: publish a video as the web app does, follow its"
            + " Step Functions executions, migrate the database and check the configuration; run the whole"
            + " pipeline on this machine, on a sample video offline (demo) or on a real one (run).",
        "Configuration comes from the environment and, if present, a .env file in the working directory"
            + " (KEY=VALUE lines; the environment wins)."},
    exitCodeListHeading = "%nExit status:%n",
    exitCodeList = {
        "0:success",
        "1:failure (one line on stderr; --verbose adds the stack trace)",
        "2:usage error (the usage is printed)"})
final class YoutubeChatCommand extends BaseCommand {

  YoutubeChatCommand(CliContext context) {
    super(context);
  }

  @Override
  public Integer call() {
    throw usageError("Missing a command");
  }

  /** The version in the runnable jar's manifest. */
  static final class Version implements IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = YoutubeChatCommand.class.getPackage().getImplementationVersion();
      return new String[] {"youtube-chat " + (version == null ? "(development build)" : version)
          + " on Java " + Runtime.version()};
    }
  }
}
