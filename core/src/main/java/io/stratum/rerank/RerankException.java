package io.stratum.rerank;

/** A rerank call failed; retrieval falls back to the fused order and logs this message. */
public final class RerankException extends RuntimeException {
  public RerankException(String message, Throwable cause) {
    super(message, cause);
  }
}
