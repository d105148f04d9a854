package io.stratum.access;

/** A presented token is unknown, revoked or expired. The message never contains the token. */
public final class TokenRejectedException extends RuntimeException {
  public TokenRejectedException(String message) {
    super(message);
  }
}
