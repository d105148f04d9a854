package io.stratum.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.dispatch.StopReason;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.List;
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

  @Test
  void the_ceiling_check_says_that_stopping_at_the_ceiling_is_what_it_expects() {
    assertThat(ModelsCheck.ceiling(StopReason.INCOMPLETE))
        .isEqualTo("stopped at the 20-token ceiling, as expected (INCOMPLETE)");
    assertThat(ModelsCheck.ceiling(StopReason.MAX_TOKENS))
        .isEqualTo("stopped at the 20-token ceiling, as expected (MAX_TOKENS)");
    assertThat(ModelsCheck.ceiling(StopReason.END_TURN))
        .isEqualTo("finished within the 20-token ceiling (END_TURN)");
    assertThat(ModelsCheck.ceiling(StopReason.CONTENT_FILTER))
        .isEqualTo("blocked by a content filter (CONTENT_FILTER)");
  }
}
