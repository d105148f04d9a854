package io.stratum.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;

/** The usage help of every command, found by walking picocli's model of the command line. */
class CliHelpTest {
  /** Every command and subcommand, to any depth, as the words that name it after "stratum". */
  static Stream<String> commands() {
    return CliReference.commands(Main.commandLine())
        .map(c -> c.getCommandSpec().qualifiedName(" ").replaceFirst("^stratum ?", ""));
  }

  private static String[] args(String command, String... more) {
    return Stream.concat(
            Arrays.stream(command.split(" ")).filter(w -> !w.isEmpty()), Arrays.stream(more))
        .toArray(String[]::new);
  }

  @Test
  void the_walk_reaches_the_top_level_commands_and_their_nested_subcommands() {
    assertThat(commands().toList())
        .contains("", "demo", "sim", "models list", "models check", "admin token create")
        .hasSizeGreaterThan(30);
  }

  @ParameterizedTest(name = "stratum {0} --help")
  @MethodSource("commands")
  void every_command_and_subcommand_answers_help_with_exit_0_and_prints_its_usage(String command) {
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));

    int code = cli.execute(args(command, "--help"));

    assertThat(code).as(err.toString()).isZero();
    assertThat(err.toString()).isEmpty();
    assertThat(out.toString())
        .contains("Usage: stratum" + (command.isEmpty() ? "" : " " + command))
        .contains("-h, --help");
  }

  @ParameterizedTest(name = "width {0}")
  @ValueSource(ints = {55, 80, 100, 140})
  void help_wraps_only_at_spaces_so_paths_and_file_names_stay_whole(int width) {
    List<String> broken = new ArrayList<>();
    CliReference.commands(Main.commandLine())
        .forEach(
            c -> {
              CommandSpec spec = c.getCommandSpec();
              spec.usageMessage().autoWidth(false).width(width);
              Set<String> shown = words(c.getUsageMessage(CommandLine.Help.Ansi.OFF));
              List<String> written = new ArrayList<>(List.of(spec.usageMessage().description()));
              spec.args().stream()
                  .map(ArgSpec::description)
                  .forEach(d -> written.addAll(List.of(d)));
              words(String.join(" ", written).replace("%n", " ")).stream()
                  .filter(w -> w.length() < 25 && !shown.contains(w))
                  .forEach(w -> broken.add(spec.qualifiedName() + ": " + w));
            });

    assertThat(broken).as("words cut across lines").isEmpty();
  }

  private static Set<String> words(String text) {
    return Arrays.stream(text.split("\\s+")).filter(w -> !w.isEmpty()).collect(Collectors.toSet());
  }

  @Test
  void the_paths_in_the_demo_help_are_whole_at_the_default_width() {
    String help = Main.commandLine().getSubcommands().get("demo").getUsageMessage();

    assertThat(help).contains("./stratum-data", "./terraform.tfvars");
    assertThat(help.lines()).allSatisfy(line -> assertThat(line.length()).isLessThanOrEqualTo(100));
  }

  @ParameterizedTest(name = "stratum {0}")
  @MethodSource("commands")
  void every_command_is_summed_up_in_one_whole_sentence(String command) {
    CommandLine c = Main.commandLine();
    for (String word : args(command)) {
      c = c.getSubcommands().get(word);
    }

    String[] description = c.getCommandSpec().usageMessage().description();

    assertThat(description).as("a description").isNotEmpty();
    assertThat(description[0]).endsWith(".").hasSizeLessThanOrEqualTo(100);
  }
}
