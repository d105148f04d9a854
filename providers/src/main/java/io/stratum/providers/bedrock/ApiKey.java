package io.stratum.providers.bedrock;

/**
 * A Bedrock API key (sent as {@code Authorization: Bearer}), read on every request so that a
 * rotation takes effect without a restart.
 */
public interface ApiKey {
  /** The key to send now. */
  String current();

  /**
   * Called when Bedrock refused {@code rejected} (401/403): re-reads the key where it lives, if it
   * can, and says whether a different key is now current (worth one more try).
   */
  default boolean renewAfterRejection(String rejected) {
    return false;
  }

  /** A key that never changes (from {@code AWS_BEARER_TOKEN_BEDROCK}). */
  static ApiKey fixed(String key) {
    return () -> key;
  }
}
