package io.stratum.simulator;

/** The wire APIs a simulated model answers on. */
public enum Surface {
  /** bedrock-runtime {@code /model/{id}/converse} and {@code /converse-stream}. */
  CONVERSE,
  /** OpenAI-compatible {@code /responses}. */
  RESPONSES,
  /** OpenAI-compatible {@code /chat/completions}. */
  CHAT
}
