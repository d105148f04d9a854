package io.stratum.app.cli;

import java.util.logging.Level;
import java.util.logging.Logger;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ScopeType;
import picocli.CommandLine.Spec;

/** {@code stratum}: the one entry point of the runnable jar. */
@Command(
    name = "stratum",
    // inherited by every subcommand, to any depth: --help everywhere, one width rule everywhere
    scope = ScopeType.INHERIT,
    mixinStandardHelpOptions = true,
    usageHelpAutoWidth = true,
    usageHelpWidth = Main.HELP_WIDTH,
    versionProvider = VersionProvider.class,
    description = {
      "A self-hosted intelligence layer: ingest a corpus, retrieve from it, answer with citations.",
      "Every command takes --help."
    },
    subcommands = {
      DemoCommand.class,
      ServeCommand.class,
      IngestCommand.class,
      JobsCommand.class,
      AskCommand.class,
      SearchCommand.class,
      SimCommand.class,
      ModelsCommand.class,
      EvalCommand.class,
      AdminCommand.class,
      AuditCommand.class,
      SpendCommand.class,
      ChatCommand.class,
      McpCommand.class,
      BackupCommand.class,
      BackupCommand.Restore.class,
      IndexCommand.class,
      VersionCommand.class,
      CommandLine.HelpCommand.class
    })
public final class Main implements Runnable {
  @Spec CommandSpec spec;

  /** The help width when the terminal's cannot be read (output piped, or no terminal). */
  static final int HELP_WIDTH = 100;

  // Held so the level sticks: java.util.logging keeps only weak references to loggers.
  private static final Logger LUCENE_LOG = Logger.getLogger("org.apache.lucene");

  public static void main(String[] args) {
    System.exit(run(args));
  }

  /** Runs a command line and returns its exit code. */
  public static int run(String... args) {
    // Libraries that would otherwise reach for the network or the cloud metadata address.
    return commandLine().execute(args);
  }

  /** The configured command line, for callers that redirect its output. */
  public static CommandLine commandLine() {
    setDefault("ai.djl.offline", "true");
    setDefault("aws.disableEc2Metadata", "true");
    LUCENE_LOG.setLevel(Level.WARNING);
    CommandLine cli =
        new CommandLine(new Main())
            .setHelpFactory(SpaceWrappedHelp.FACTORY)
            .setExecutionExceptionHandler(new Failures())
            .setCaseInsensitiveEnumValuesAllowed(true);
    cli.getCommandSpec()
        .usageMessage()
        .exitCodeListHeading("%nExit codes:%n")
        .exitCodeList(ExitCode.list());
    return cli;
  }

  private static void setDefault(String key, String value) {
    if (System.getProperty(key) == null) {
      System.setProperty(key, value);
    }
  }

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
