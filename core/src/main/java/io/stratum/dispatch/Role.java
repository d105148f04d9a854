package io.stratum.dispatch;

/** Who said a message. */
public enum Role {
  SYSTEM,
  USER,
  ASSISTANT,
  TOOL
}
