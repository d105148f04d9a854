package io.stratum.index;

/** The index on disk was built by another embedding model; its vectors mean nothing to this one. */
public final class IndexMismatchException extends RuntimeException {
  IndexMismatchException(String message) {
    super(message);
  }
}
