package io.stratum.budget;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import io.stratum.dispatch.ChatMessage;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.Usage;
import io.stratum.dispatch.WorstCase;
import java.math.BigDecimal;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TokenEstimateTest {
  /** Code points of many scripts, emoji and controls: where characters / 4 undercounts most. */
  static final List<int[]> RANGES =
      List.of(
          new int[] {0x20, 0x7e}, // ASCII
          new int[] {0x4e00, 0x9fff}, // CJK ideographs
          new int[] {0x3040, 0x30ff}, // kana
          new int[] {0xac00, 0xd7a3}, // Hangul
          new int[] {0x0600, 0x06ff}, // Arabic
          new int[] {0x0900, 0x097f}, // Devanagari
          new int[] {0x0400, 0x04ff}, // Cyrillic
          new int[] {0x1f300, 0x1faff}, // emoji
          new int[] {0x0, 0x1f}); // controls

  static final List<Encoding> TOKENIZERS =
      List.of(
          Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.O200K_BASE),
          Encodings.newDefaultEncodingRegistry().getEncoding(EncodingType.CL100K_BASE));

  @Test
  void no_text_of_any_script_has_more_tokens_than_the_bound_in_a_real_tokenizer() {
    Random random = new Random(20261202);
    int checked = 0;
    for (int i = 0; i < 3000; i++) {
      String text = randomText(random);
      for (Encoding tokenizer : TOKENIZERS) {
        assertThat(TokenEstimate.upperBound(text))
            .as("%s: %s", tokenizer.getName(), text)
            .isGreaterThanOrEqualTo(tokenizer.countTokensOrdinary(text));
        checked++;
      }
    }
    assertThat(checked).isEqualTo(6000);
  }

  @Test
  void characters_divided_by_four_undercounts_cjk_which_the_bound_does_not() {
    String cjk = "預算上限不可超過".repeat(50);
    int real = TOKENIZERS.get(0).countTokensOrdinary(cjk);

    assertThat(cjk.length() / 4).isLessThan(real);
    assertThat(TokenEstimate.upperBound(cjk)).isGreaterThanOrEqualTo(real);
  }

  @Test
  void a_request_s_bound_covers_every_message_and_the_chat_template() {
    ChatRequest r = ChatRequest.of(ChatMessage.system("Be brief."), ChatMessage.user("Hi"));

    assertThat(TokenEstimate.prompt(r))
        .isEqualTo(TokenEstimate.PER_REQUEST + 2 * TokenEstimate.PER_MESSAGE + 9 + 2);
  }

  @Test
  void the_worst_case_cost_counts_the_prompt_once_per_send_and_all_output() {
    ChatRequest r = ChatRequest.of(ChatMessage.user("x".repeat(936)));
    Rates rates = Rates.of(1_000_000, 1_000_000); // a dollar a token, to read the sum

    assertThat(TokenEstimate.cost(rates, r, new WorstCase(2, 500)))
        .isEqualByComparingTo(rates.cost(new Usage(2 * 1016, 500, 0, 0, 0)))
        .isEqualByComparingTo(new BigDecimal(2 * 1016 + 500));
  }

  private static String randomText(Random random) {
    StringBuilder sb = new StringBuilder();
    int length = 1 + random.nextInt(200);
    for (int i = 0; i < length; i++) {
      int[] range = RANGES.get(random.nextInt(RANGES.size()));
      sb.appendCodePoint(range[0] + random.nextInt(range[1] - range[0] + 1));
    }
    return sb.toString();
  }
}
