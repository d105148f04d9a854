package io.stratum.app.usecase;

/** A request value is wrong; names the field and echoes the value (shortened when long). */
public final class InvalidInputException extends RuntimeException {
  private final String field;

  public InvalidInputException(String field, String message) {
    super(field + ": " + message);
    this.field = field;
  }

  public String field() {
    return field;
  }
}
