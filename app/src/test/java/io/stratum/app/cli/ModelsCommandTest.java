package io.stratum.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.simulator.BedrockSimulator;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class ModelsCommandTest {
  @Test
  void models_list_starts_every_column_at_the_same_place_on_every_row() {
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));

    int code = cli.execute("models", "list");

    List<String> lines = out.toString().lines().toList();
    assertThat(code).isZero();
    assertThat(lines.get(0)).startsWith("FAMILY").contains("  IDS  ", "  STATUS  ");
    for (String column : List.of("IDS", "SURFACES", "STATUS", "USD/1M in/out")) {
      int at = lines.get(0).indexOf(column);
      assertThat(lines.subList(1, lines.size()))
          .as(column)
          .allSatisfy(l -> assertThat(l.charAt(at - 1)).isEqualTo(' '))
          .allSatisfy(l -> assertThat(l.charAt(at)).isNotEqualTo(' '));
    }
  }

  @Test
  void models_check_without_aws_credentials_says_in_one_line_which_variable_to_set() {
    Assumptions.assumeTrue(
        System.getenv("AWS_ACCESS_KEY_ID") == null
            && System.getenv("AWS_PROFILE") == null
            && System.getenv("AWS_BEARER_TOKEN_BEDROCK") == null
            && System.getenv("AWS_WEB_IDENTITY_TOKEN_FILE") == null
            && System.getenv("AWS_CONTAINER_CREDENTIALS_RELATIVE_URI") == null
            && !Files.exists(Path.of(System.getProperty("user.home"), ".aws")),
        "AWS credentials are configured in this environment");
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    try (BedrockSimulator sim = BedrockSimulator.builder().build().start()) {
      StringWriter out = new StringWriter();
      StringWriter err = new StringWriter();
      CommandLine cli = Main.commandLine();
      cli.setOut(new PrintWriter(out, true));
      cli.setErr(new PrintWriter(err, true));

      int code =
          cli.execute(
              "models", "check", "--model", "openai.gpt-5.5", "--endpoint", sim.endpoint() + "");

      assertThat(code).isEqualTo(1);
      assertThat(out.toString()).isEmpty();
      assertThat(err.toString())
          .isEqualTo(
              "models check: no AWS credentials found: set AWS_ACCESS_KEY_ID and"
                  + " AWS_SECRET_ACCESS_KEY (or AWS_PROFILE), or AWS_BEARER_TOKEN_BEDROCK for a"
                  + " Bedrock API key"
                  + System.lineSeparator());
      assertThat(sim.requests()).isEmpty();
    }
  }

  @Test
  void columns_are_as_wide_as_their_widest_cell_and_the_last_is_not_padded() {
    StringWriter out = new StringWriter();

    new Columns("A", "B", "C")
        .row("long cell", "x", "end")
        .row("y", "wider b", "e")
        .print(new PrintWriter(out, true));

    assertThat(out.toString())
        .isEqualTo(
            """
            A          B        C
            long cell  x        end
            y          wider b  e
            """);
  }
}
