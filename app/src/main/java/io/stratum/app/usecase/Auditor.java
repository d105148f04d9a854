package io.stratum.app.usecase;

import io.stratum.access.Principal;
import io.stratum.audit.AuditEvent;
import io.stratum.audit.AuditLog;
import java.time.Duration;
import java.time.InstantSource;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Writes audit events for the use cases: the actor, the workspace, and the request id of the
 * request in progress (from the log context). Tokens and keys never reach it: callers pass token
 * ids, not tokens. Adapters get only the three records that are theirs to write (a refused
 * credential, an MCP tool call, an action Stratum takes itself); everything else is recorded by the
 * use case that did it.
 */
public final class Auditor {
  /** What the log context adds to every record: the caller's address, and the channel (mcp). */
  private static final List<String> CONTEXT = List.of("clientIp", "via");

  private final AuditLog log;
  private final FailedSignIns failedSignIns;

  /** Failed sign-ins counted in windows of a minute. */
  public Auditor(AuditLog log) {
    this(log, Duration.ofMinutes(1), InstantSource.system());
  }

  /**
   * @param authFailureWindow an address's first failed sign-in in a window is recorded at once, the
   *     rest as one record with their {@code count}
   */
  public Auditor(AuditLog log, Duration authFailureWindow, InstantSource clock) {
    this.log = log;
    this.failedSignIns =
        new FailedSignIns(
            authFailureWindow,
            clock,
            reason ->
                record(
                    "auth.failed",
                    "failure",
                    "anonymous",
                    "",
                    Map.of("reason", reason, "count", 1),
                    null),
            this::repeatedAuthFailures);
  }

  /**
   * A failed sign-in, with the reason and never the credential; counted with the others from the
   * same address (the log context's {@code clientIp}) in its window.
   */
  public void authFailure(String reason) {
    String address = MDC.get("clientIp");
    failedSignIns.failed(address == null ? "" : address, reason);
  }

  /**
   * The failures that followed an address's first in a window: one record with their count, the
   * last reason, and the window, outside any one request (so without a request id).
   */
  private void repeatedAuthFailures(FailedSignIns.Repeated r) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("reason", r.lastReason());
    m.put("count", r.count());
    m.put("windowStart", r.since().toString());
    m.put("windowSeconds", r.window().toSeconds());
    if (!r.address().isEmpty()) {
      m.put("clientIp", r.address());
    }
    log.record(new AuditEvent("auth.failed", "failure", "anonymous", "", "", m, null));
  }

  /** Records the failed sign-ins still being counted; before the audit trail's store closes. */
  public void close() {
    failedSignIns.close();
  }

  /**
   * One MCP tool call: who called which tool, on which workspace, and how it ended. The tool's own
   * work (a search, an answer, a document read) is audited by its use case.
   */
  public void toolCall(
      Principal who, String tool, String outcome, String workspace, Map<String, Object> details) {
    Map<String, Object> m = new LinkedHashMap<>(details);
    m.put("tool", tool);
    record("mcp.tool_called", outcome, who, workspace, m);
  }

  /**
   * An action Stratum takes itself (first-run accounts, a budget alert), with actor {@code system}.
   */
  public void system(String action, String workspace, Map<String, Object> metadata) {
    record(action, "success", "system", workspace, metadata, null);
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

  void record(
      String action,
      String outcome,
      Principal who,
      String workspace,
      Map<String, Object> metadata) {
    record(action, outcome, who, workspace, metadata, null);
  }

  /** As above for an actor that is not a principal: {@code system}, {@code anonymous}, an id. */
  void record(
      String action,
      String outcome,
      String actor,
      String workspace,
      Map<String, Object> metadata,
      Map<String, Object> body) {
    String requestId = MDC.get("requestId");
    Map<String, Object> m = new LinkedHashMap<>(metadata);
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
}
