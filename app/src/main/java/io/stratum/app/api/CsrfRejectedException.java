package io.stratum.app.api;

/**
 * A state-changing request authenticated by a session cookie came without the session's CSRF token
 * (or with another): a page of another site may have sent it.
 */
public final class CsrfRejectedException extends RuntimeException {
  public CsrfRejectedException(String message) {
    super(message);
  }
}
