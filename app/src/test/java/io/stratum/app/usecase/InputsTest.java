package io.stratum.app.usecase;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class InputsTest {
  @Test
  void a_question_may_hold_line_breaks_and_tabs_but_no_other_control_character() {
    assertThat(Inputs.text("question", " Keys?\n\tWhen?\r\n ")).isEqualTo("Keys?\n\tWhen?");
    assertThatThrownBy(() -> Inputs.text("question", "Keys?\u0000"))
        .isInstanceOf(InvalidInputException.class)
        .hasMessage("question: must not contain control characters, got U+0000 at index 5");
    assertThatThrownBy(() -> Inputs.text("question", "Keys?\u007f"))
        .hasMessage("question: must not contain control characters, got U+007F at index 5");
  }

  @Test
  void text_must_be_valid_unicode_so_both_databases_store_what_was_sent() {
    assertThat(Inputs.checked("title", "keys \uD83D\uDD11", 200, false)).endsWith("\uD83D\uDD11");
    assertThatThrownBy(() -> Inputs.checked("title", "a\uDD11b", 200, false))
        .hasMessage("title: must be valid Unicode, got a lone surrogate U+DD11 at index 1");
    assertThatThrownBy(() -> Inputs.checked("title", "ab\uD83D", 200, false))
        .hasMessage("title: must be valid Unicode, got a lone surrogate U+D83D at index 2");
  }

  @Test
  void a_long_value_is_echoed_by_its_start_and_length_never_half_a_character() {
    assertThat(Inputs.echo("short")).isEqualTo("short");
    assertThat(Inputs.echo("a".repeat(39) + "\uD83D\uDD11" + "b".repeat(100)))
        .isEqualTo("a".repeat(39) + "… (141 characters)");
  }
}
