package io.stratum.app.usecase;

/** The limits every use case holds its inputs to, with messages that name the field. */
final class Inputs {
  /** Longest question or search accepted, in characters. */
  static final int MAX_TEXT_CHARS = 4000;

  private Inputs() {}

  /** {@code value}, stripped; it must be non-blank and at most {@link #MAX_TEXT_CHARS} long. */
  static String text(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(field, "must not be empty");
    }
    if (value.length() > MAX_TEXT_CHARS) {
      throw new InvalidInputException(
          field, "must be at most " + MAX_TEXT_CHARS + " characters, got " + value.length());
    }
    return value.strip();
  }

  /** A result count or page size from 1 to {@code max}. */
  static int count(String field, int value, int max) {
    if (value < 1 || value > max) {
      throw new InvalidInputException(
          field, "expected a number from 1 to " + max + ", got " + value);
    }
    return value;
  }
}
