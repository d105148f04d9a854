package io.stratum.store;

/**
 * Encrypts bodies at rest (audit prompts and answers, conversation messages) and decrypts them for
 * authorized readers. Metadata stays in clear so the rows can be queried; what people wrote does
 * not.
 */
public interface BodyCipher {
  /** Bodies as they are: for tests that read the raw rows. */
  BodyCipher NONE =
      new BodyCipher() {
        @Override
        public String seal(String plaintext) {
          return plaintext;
        }

        @Override
        public String open(String sealed) {
          return sealed;
        }
      };

  /** The ciphertext of {@code plaintext}, self-describing (version, key period, IV). */
  String seal(String plaintext);

  /** The plaintext of a value {@link #seal} produced. */
  String open(String sealed);
}
