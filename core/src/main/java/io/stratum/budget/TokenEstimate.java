package io.stratum.budget;

import java.util.List;

/**
 * Worst-case token counts for a call not yet made, so its cost can be reserved first: about four
 * characters a token, which over-counts English and code and so errs toward refusing.
 */
public final class TokenEstimate {
  static final int CHARS_PER_TOKEN = 4;

  private TokenEstimate() {}

  /** The tokens {@code text} takes at most. */
  public static int of(String text) {
    return text.length() / CHARS_PER_TOKEN;
  }

  /**
   * A grounded answer's prompt at its largest: the question, {@code passages} passages of {@code
   * passageChars} each, the instructions around them ({@code overheadChars}), and the earlier turns
   * that go in verbatim.
   */
  public static int groundedPrompt(
      String question, int passages, int passageChars, int overheadChars, List<String> history) {
    return (question.length() + passages * passageChars + overheadChars) / CHARS_PER_TOKEN
        + history.stream().mapToInt(TokenEstimate::of).sum();
  }
}
