package io.stratum.index;

/**
 * The index could not be reached or refused an operation (an OpenSearch server down, a wrong
 * password, a rejected request); the message names the server and the reason, in one line.
 */
public final class IndexUnavailableException extends RuntimeException {
  public IndexUnavailableException(String message, Throwable cause) {
    super(message, cause);
  }
}
