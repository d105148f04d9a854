package io.stratum.audit;

/**
 * Encrypts audit bodies at rest and decrypts them for authorized readers. Metadata stays in clear
 * so the trail can be queried; prompts and answers do not.
 */
public interface BodyCipher {
  /** The ciphertext of {@code plaintext}, self-describing (version, key period, IV). */
  String seal(String plaintext);

  /** The plaintext of a value {@link #seal} produced. */
  String open(String sealed);
}
