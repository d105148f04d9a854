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
  /** What the log context adds to every record: the caller's address, and the channel (mcp). */
  private static final java.util.List<String> CONTEXT = java.util.List.of("clientIp", "via");

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
    record(action, outcome, who == null ? "system" : who.id(), workspace, metadata, body);
  }

  /**
   * As above for an actor that is not a principal: {@code system} (Stratum itself, e.g. a budget
   * alert) or {@code anonymous} (a caller whose credential was refused).
   */
  void record(
      String action,
      String outcome,
      String actor,
      String workspace,
      Map<String, Object> metadata,
      Map<String, Object> body) {
    String requestId = MDC.get("requestId");
    Map<String, Object> m = new java.util.LinkedHashMap<>(metadata);
    for (String key : CONTEXT) {
      String value = MDC.get(key);
      if (value != null) {
        m.put(key, value);
      }
    }
    log.record(
        new AuditEvent(
            action,
            outcome,
            actor,
            workspace == null ? "" : workspace,
            requestId == null ? "" : requestId,
            m,
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
