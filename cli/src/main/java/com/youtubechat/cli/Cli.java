package com.youtubechat.cli;

import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.UnmatchedArgumentException;

/** Builds the command tree and runs one command line: exit status 0, 1 (failure) or 2 (usage). */
public final class Cli {

  public static final int FAILURE = 1;
  public static final int USAGE = 2;

  private Cli() {}

  /** Runs {@code args} with this configuration, writing to these streams; returns the exit status. */
  public static int run(Environment environment, Writer stdout, Writer stderr, String... args) {
    return run(environment, stdout, stderr, StandardCharsets.UTF_8, args);
  }

  /** As {@link #run(Environment, Writer, Writer, String...)}, for streams that end in this encoding. */
  public static int run(Environment environment, Writer stdout, Writer stderr, Charset charset, String... args) {
    Redactor redactor = Redactor.forEnvironment(environment.variables());
    PrintWriter out = new PrintWriter(new RedactingWriter(stdout, redactor), true);
    PrintWriter err = new PrintWriter(new RedactingWriter(stderr, redactor), true);
    CliContext context = new CliContext(environment, out, err, charset);
    try {
      return commandLine(context).execute(args);
    } finally {
      out.flush();
      err.flush();
    }
  }

  static CommandLine commandLine(CliContext context) {
    CommandLine root = new CommandLine(new YoutubeChatCommand(context));
    root.addSubcommand(new CommandLine(new PublishCommand(context)));
    root.addSubcommand(new CommandLine(new StatusCommand(context)));
    root.addSubcommand(new CommandLine(new DbCommand(context))
        .addSubcommand(new CommandLine(new DbCommand.Migrate(context))));
    root.addSubcommand(new CommandLine(new DoctorCommand(context)));
    root.addSubcommand(new CommandLine(new DemoCommand(context)));
    root.addSubcommand(new CommandLine(new RunCommand(context)));

    root.setOut(context.out());
    root.setErr(context.err());
    root.setExitCodeExceptionMapper(failure -> failure instanceof ParameterException ? USAGE : FAILURE);
    root.setParameterExceptionHandler(Cli::usageError);
    root.setExecutionExceptionHandler((failure, commandLine, parseResult) -> {
      context.err().println("error: " + Failures.describe(failure));
      if (context.verbose()) {
        failure.printStackTrace(context.err());
      }
      return FAILURE;
    });
    CommandLine.IExecutionStrategy runLast = new CommandLine.RunLast();
    root.setExecutionStrategy(parseResult -> {
      Logging.apply(context.verbose(), context.err());
      return runLast.execute(parseResult);
    });
    return root;
  }

  /** picocli's words, except "Unmatched argument at index 0: 'frob'" for a command name. */
  private static String message(ParameterException failure) {
    if (failure instanceof UnmatchedArgumentException unmatched && !unmatched.getUnmatched().isEmpty()
        && !failure.getCommandLine().getSubcommands().isEmpty()) {
      String first = unmatched.getUnmatched().get(0);
      if (!first.startsWith("-")) {
        return "Unknown command '" + first + "'";
      }
    }
    return failure.getMessage();
  }

  private static int usageError(ParameterException failure, String[] args) {
    CommandLine commandLine = failure.getCommandLine();
    PrintWriter err = commandLine.getErr();
    err.println("error: " + Failures.oneLine(message(failure)));
    UnmatchedArgumentException.printSuggestions(failure, err);
    err.println();
    commandLine.usage(err);
    return USAGE;
  }
}
