package io.stratum.app.api;

/** The store or the index does not answer, so {@code /readyz} says not ready (the log says why). */
public final class NotReadyException extends RuntimeException {
  public NotReadyException() {
    super("readiness: the store or the index does not answer; the server log says which");
  }
}
