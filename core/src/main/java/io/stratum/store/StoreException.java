package io.stratum.store;

/** The database failed; the message says which operation on what. */
public final class StoreException extends RuntimeException {
  StoreException(String message, Throwable cause) {
    super(message + ": " + cause.getMessage(), cause);
  }

  /** When {@code message} says all a user needs, without the driver's words. */
  StoreException(String message) {
    super(message);
  }
}
