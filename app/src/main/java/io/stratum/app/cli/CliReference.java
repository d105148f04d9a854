package io.stratum.app.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import picocli.CommandLine;
import picocli.CommandLine.Help;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;

/**
 * {@code docs/reference/cli.md}, written from picocli's model of the command line: every command
 * and subcommand with its synopsis, description and options, and the exit codes.
 *
 * <pre>{@code
 * String page = CliReference.markdown(Main.commandLine());
 * }</pre>
 */
public final class CliReference {
  /** The synopses' width on the page. */
  static final int WIDTH = 100;

  private CliReference() {}

  /** {@code root} and every subcommand under it, to any depth, parents first, in declared order. */
  static Stream<CommandLine> commands(CommandLine root) {
    return Stream.concat(
        Stream.of(root),
        root.getSubcommands().values().stream().distinct().flatMap(CliReference::commands));
  }

  /** The page for {@code root}'s command line. */
  public static String markdown(CommandLine root) {
    List<CommandLine> all = commands(root).toList();
    StringBuilder md = new StringBuilder();
    md.append("# CLI reference\n\n")
        .append("<!-- Generated from the command line's picocli model by CliReferenceTest;")
        .append(" edit the commands' annotations, not this page. -->\n\n")
        .append("Every command of `stratum`, as `stratum COMMAND --help` prints it. Every command")
        .append(" also takes `-h`, `--help` (its help, exit 0) and `-V`, `--version`. A value")
        .append(" follows its option after `=` or a space: `--data DIR` or `--data=DIR`.\n\n")
        .append("| command | what it does |\n|---|---|\n");
    for (CommandLine c : all.subList(1, all.size())) {
      String name = c.getCommandSpec().qualifiedName(" ");
      md.append("| [`%s`](#%s) | %s |\n".formatted(name, anchor(name), escape(summary(c))));
    }
    md.append("\n## Exit codes\n\n| code | meaning |\n|---|---|\n");
    for (ExitCode c : ExitCode.values()) {
      md.append("| `%d` | %s |\n".formatted(c.code, escape(c.meaning)));
    }
    md.append("\nLogs go to stderr; answers, tables and JSON go to stdout.\n");
    for (CommandLine c : all) {
      section(c, md);
    }
    return md.toString();
  }

  private static String summary(CommandLine c) {
    return SpaceWrappedHelp.summary(help(c));
  }

  private static Help help(CommandLine c) {
    CommandSpec spec = c.getCommandSpec();
    spec.usageMessage().autoWidth(false).width(WIDTH);
    return c.getHelpFactory().create(spec, Help.defaultColorScheme(Help.Ansi.OFF));
  }

  private static void section(CommandLine c, StringBuilder md) {
    CommandSpec spec = c.getCommandSpec();
    Help help = help(c);
    md.append("\n## ").append(spec.qualifiedName(" ")).append("\n\n");
    md.append("```text\n")
        .append(help.synopsisHeading())
        .append(help.synopsis(help.synopsisHeadingLength()).stripTrailing())
        .append("\n```\n\n");
    boolean example = false;
    for (String line : spec.usageMessage().description()) {
      boolean indented = line.startsWith("  ");
      if (indented != example) {
        md.append(indented ? "```text\n" : "```\n\n");
        example = indented;
      }
      md.append(indented ? line.substring(2) + "\n" : escape(line) + "\n\n");
    }
    md.append(example ? "```\n\n" : "");
    List<String> rows = new ArrayList<>();
    for (ArgSpec arg : spec.args()) {
      boolean builtIn = arg instanceof OptionSpec o && (o.usageHelp() || o.versionHelp());
      if (!builtIn && !arg.hidden()) {
        rows.add(
            "| `%s` | %s%s |"
                .formatted(
                    label(arg, help),
                    escape(String.join(" ", arg.description())),
                    arg.required() ? " Required." : ""));
      }
    }
    if (!rows.isEmpty()) {
      md.append("| option | description |\n|---|---|\n");
      rows.forEach(r -> md.append(r).append('\n'));
    }
    if (!c.getSubcommands().isEmpty()) {
      md.append(rows.isEmpty() ? "" : "\n").append("Subcommands: ");
      md.append(
          String.join(
              ", ",
              c.getSubcommands().values().stream()
                  .distinct()
                  .map(s -> s.getCommandSpec().qualifiedName(" "))
                  .map(n -> "[`%s`](#%s)".formatted(n.substring(n.lastIndexOf(' ') + 1), anchor(n)))
                  .toList()));
      md.append(".\n");
    }
  }

  private static String anchor(String name) {
    return name.replace(' ', '-');
  }

  private static String label(ArgSpec arg, Help help) {
    String value =
        help.parameterLabelRenderer()
            .renderParameterLabel(arg, Help.Ansi.OFF, List.of())
            .toString();
    if (arg instanceof OptionSpec o) {
      return String.join(", ", o.names()) + value;
    }
    return value;
  }

  /** Text for a Markdown table cell or paragraph: no HTML, no column breaks, no emphasis. */
  private static String escape(String text) {
    return text.replace("%n", " ")
        .strip()
        .replace("|", "\\|")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("*", "\\*");
  }
}
