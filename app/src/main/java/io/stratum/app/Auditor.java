package io.stratum.app;

import io.stratum.access.Principal;
import io.stratum.audit.AuditEvent;
import io.stratum.audit.AuditLog;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Writes audit events for the facade: the principal, the workspace, and the request id of the HTTP
 * request in progress (from the log context). Tokens and keys never reach it: callers pass token
 * ids, not tokens.
 */
final class Auditor {
  private final AuditLog log;

  Auditor(AuditLog log) {
    this.log = log;
  }

  AuditLog log() {
    return log;
  }

  void record(
      String action,
      String outcome,
      Principal who,
      String workspace,
      Map<String, Object> metadata,
      Map<String, Object> body) {
    String requestId = MDC.get("requestId");
    log.record(
        new AuditEvent(
            action,
            outcome,
            who == null ? "anonymous" : who.id(),
            workspace == null ? "" : workspace,
            requestId == null ? "" : requestId,
            metadata,
            body));
  }

  void record(
      String action,
      String outcome,
      Principal who,
      String workspace,
      Map<String, Object> metadata) {
    record(action, outcome, who, workspace, metadata, null);
  }
}
