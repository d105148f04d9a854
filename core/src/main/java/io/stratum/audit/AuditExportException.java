package io.stratum.audit;

/** A sink refused or could not take a batch; the cursor stays before it. */
public final class AuditExportException extends RuntimeException {
  public AuditExportException(String message, Throwable cause) {
    super(message, cause);
  }
}
