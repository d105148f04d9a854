package io.stratum.dispatch;

/** Why a model stopped, in one closed vocabulary across every backend. */
public enum StopReason {
  END_TURN,
  MAX_TOKENS,
  STOP_SEQUENCE,
  TOOL_USE,
  CONTENT_FILTER,
  INCOMPLETE
}
