package io.stratum.budget;

import io.stratum.dispatch.ChatMessage;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.Usage;
import io.stratum.dispatch.WorstCase;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;

/**
 * Token counts for calls not yet made, as upper bounds, so that reserving their cost first can
 * never let a hard cap be overspent. The bound is the prompt's UTF-8 length in bytes: every
 * tokenizer our models use (byte-level BPE, or SentencePiece with byte fallback) spends at least
 * one byte of input per token, so no text of any script has more tokens than bytes (a property test
 * holds a real tokenizer to it). English runs about four bytes a token, so for English this
 * reserves about four times what is billed; the difference is released when the call is settled.
 */
public final class TokenEstimate {
  /** What a chat template adds per message (role markers, separators), generously. */
  static final int PER_MESSAGE = 16;

  /** What a request adds once (the template's start and the assistant's turn marker). */
  static final int PER_REQUEST = 64;

  private TokenEstimate() {}

  /** At least as many tokens as {@code text} is, in any of our models' tokenizers. */
  public static int upperBound(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }

  /** At least as many input tokens as {@code request} sends, once. */
  public static int prompt(ChatRequest request) {
    int tokens = PER_REQUEST;
    for (ChatMessage m : request.messages()) {
      tokens += PER_MESSAGE + upperBound(m.text());
    }
    return tokens;
  }

  /** The most a call can cost at {@code rates}: its prompt as often as it is sent, all output. */
  public static BigDecimal cost(Rates rates, ChatRequest request, WorstCase worst) {
    return rates.cost(
        new Usage(
            Math.multiplyExact(prompt(request), worst.promptSends()),
            worst.outputTokens(),
            0,
            0,
            0));
  }
}
