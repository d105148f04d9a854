package io.stratum.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/reference/cli.md} is the command line's own model, written out. Regenerate it after
 * changing a command with {@value #REGENERATE}.
 */
class CliReferenceTest {
  static final String REGENERATE =
      "./mvnw -B -q -pl app -am test -Dtest=CliReferenceTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dstratum.docs.write=true";

  private static final Path PAGE =
      Path.of(System.getProperty("stratum.root", ".."), "docs", "reference", "cli.md")
          .toAbsolutePath()
          .normalize();

  @Test
  void the_cli_reference_page_is_the_one_the_commands_generate() throws Exception {
    String generated = CliReference.markdown(Main.commandLine());
    if (Boolean.getBoolean("stratum.docs.write")) {
      Files.writeString(PAGE, generated);
    }

    assertThat(Files.exists(PAGE) ? Files.readString(PAGE) : "")
        .as("%s is not what the commands generate; regenerate it with: %s", PAGE, REGENERATE)
        .isEqualTo(generated);
  }

  @Test
  void the_page_lists_every_subcommand_every_option_and_every_exit_code() {
    String page = CliReference.markdown(Main.commandLine());

    assertThat(page)
        .contains("\n## stratum admin token create\n")
        .contains("| `--expires-in-days=N` | Days until it stops working (default: never). |")
        .contains("| `--config=FILE` |")
        .contains("| `7` | audit verify: the chain is intact but names records lost in a crash");
    CliReference.commands(Main.commandLine())
        .forEach(c -> assertThat(page).contains("\n## " + c.getCommandSpec().qualifiedName(" ")));
  }
}
