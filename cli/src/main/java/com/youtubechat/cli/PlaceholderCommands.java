package com.youtubechat.cli;

import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Commands whose implementation waits for the local Step Functions executor. */
final class PlaceholderCommands {

  static final String MESSAGE = "not implemented yet: needs the local executor";
  static final int EXIT_STATUS = 2;

  private PlaceholderCommands() {}

  @Command(name = "demo", mixinStandardHelpOptions = true,
      description = "(not implemented yet) Run the pipeline locally on a sample video.")
  static final class Demo extends BaseCommand {
    Demo(CliContext context) {
      super(context);
    }

    @Override
    public Integer call() {
      context.err().println(MESSAGE);
      return EXIT_STATUS;
    }
  }

  @Command(name = "run", mixinStandardHelpOptions = true,
      description = "(not implemented yet) Run the pipeline locally for one video.")
  static final class Run extends BaseCommand {
    @Parameters(index = "0", paramLabel = "<url|id>", description = "A YouTube URL or 11-character video id.")
    String video;

    Run(CliContext context) {
      super(context);
    }

    @Override
    public Integer call() {
      context.err().println(MESSAGE);
      return EXIT_STATUS;
    }
  }
}
