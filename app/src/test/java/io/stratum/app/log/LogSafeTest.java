package io.stratum.app.log;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.classic.spi.LoggingEvent;
import ch.qos.logback.core.encoder.Encoder;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the shipped log layouts make of hostile values, and the text layout's shape. */
class LogSafeTest {
  private static final String FORGED = "alice\n12:00:00.000 INFO  i.s.a.h.HttpApi - admin granted";

  private static LoggingEvent event(String message, Object... args) {
    return event(Map.of(), null, message, args);
  }

  private static LoggingEvent event(
      Map<String, String> mdc, Throwable thrown, String message, Object... args) {
    LoggingEvent e =
        new LoggingEvent(
            "test",
            new LoggerContext().getLogger("io.stratum.app.http.HttpApi"),
            Level.INFO,
            message,
            thrown,
            args);
    e.setMDCPropertyMap(mdc);
    return e;
  }

  @Test
  void a_value_has_its_line_breaks_and_terminal_escapes_escaped() {
    assertThat(LogSafe.value("a\r\nb\u001b[31mred\u0000\u2028"))
        .isEqualTo("a\\r\\nb\\u001b[31mred\\u0000\\u2028");
  }

  @Test
  void a_long_value_is_cut_at_200_characters_and_says_how_much_was_left_out() {
    assertThat(LogSafe.value("x".repeat(10_000_000)))
        .isEqualTo("x".repeat(200) + "…[+9999800 chars]");
  }

  @Test
  void the_text_layout_escapes_a_forged_line_in_an_argument_and_keeps_one_record_a_line() {
    String line = LogLayouts.print(LogLayouts.encoder("text"), event("client {}", FORGED));

    assertThat(line)
        .endsWith(
            " INFO  i.s.app.http.HttpApi - client alice\\n12:00:00.000 INFO  i.s.a.h.HttpApi - admin granted\n")
        .containsOnlyOnce("\n");
  }

  @Test
  void the_text_layout_bounds_a_message_however_large_its_arguments() {
    String line =
        LogLayouts.print(
            LogLayouts.encoder("text"),
            event("a {} b {} c", "x".repeat(10_000_000), "y".repeat(300)));

    assertThat(line)
        .endsWith(
            " - a "
                + "x".repeat(200)
                + "…[+9999800 chars] b "
                + "y".repeat(200)
                + "…[+100 chars] c\n");
  }

  @Test
  void the_text_layout_escapes_a_message_that_concatenated_a_value_itself() {
    String line = LogLayouts.print(LogLayouts.encoder("text"), event("client " + FORGED));

    assertThat(line).containsOnlyOnce("\n").contains("client alice\\n12:00:00.000");
  }

  @Test
  void the_text_layout_indents_a_line_break_in_an_exception_message_under_its_record() {
    LoggingEvent e =
        event(Map.of(), new IllegalStateException("bad value " + FORGED + "\u001b[2J"), "failed");

    String printed = LogLayouts.print(LogLayouts.encoder("text"), e);

    assertThat(printed.lines().skip(2)).allMatch(l -> l.startsWith("\t"));
    assertThat(printed)
        .contains(
            "java.lang.IllegalStateException: bad value alice\n\t12:00:00.000 INFO  i.s.a.h.HttpApi - admin granted\\u001b[2J\n")
        .doesNotContain("\u001b");
  }

  @Test
  void the_json_layout_bounds_the_message_and_keeps_one_object_a_line() {
    Encoder<ILoggingEvent> json = LogLayouts.encoder("json");

    String line = LogLayouts.print(json, event("client {}", FORGED + "z".repeat(5_000_000)));

    assertThat(line).containsOnlyOnce("\n").hasSizeLessThan(1000);
    assertThat(line)
        .contains(
            "\"formattedMessage\":\"client alice\\\\n12:00:00.000 INFO  i.s.a.h.HttpApi - admin granted"
                + "z".repeat(200 - FORGED.length() - 1));
  }

  @Test
  void the_text_layout_separates_the_logger_from_the_request_id() {
    Encoder<ILoggingEvent> text = LogLayouts.encoder("text");
    LoggingEvent with =
        event(Map.of("requestId", "BUD-7-1"), null, "request {} failed", "GET /api/x");

    assertThat(LogLayouts.print(text, with).substring(13))
        .isEqualTo("INFO  i.s.app.http.HttpApi [BUD-7-1] - request GET /api/x failed\n");
    assertThat(LogLayouts.print(text, event("started")).substring(13))
        .isEqualTo("INFO  i.s.app.http.HttpApi - started\n");
  }
}
