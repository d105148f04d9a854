package io.stratum.catalog;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The wire a model is reached over. */
public enum Backend {
  /** bedrock-runtime Converse / ConverseStream, through the AWS SDK. */
  CONVERSE,
  /** The OpenAI-compatible Responses API (bedrock-runtime {@code /openai/v1} or bedrock-mantle). */
  RESPONSES,
  /** The OpenAI-compatible Chat Completions API. */
  CHAT,
  /** The in-process local answer model. */
  LOCAL;

  /**
   * The least output ceiling the wire accepts: OpenAI's Responses API refuses a {@code
   * max_output_tokens} below 16 with HTTP 400; the other wires take any positive ceiling.
   */
  public int minOutputTokens() {
    return this == RESPONSES ? 16 : 1;
  }

  /** The lower-case name used in configuration and on results. */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Parses a backend name, naming the bad value and the accepted ones otherwise. */
  public static Backend parse(String value) {
    for (Backend b : values()) {
      if (b.id().equals(value)) {
        return b;
      }
    }
    throw new IllegalArgumentException(
        "expected "
            + Arrays.stream(values()).map(Backend::id).collect(Collectors.joining("|"))
            + ", got '"
            + value
            + "'");
  }
}
