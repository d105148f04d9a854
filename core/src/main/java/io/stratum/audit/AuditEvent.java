package io.stratum.audit;

import java.util.Map;

/**
 * One thing that happened, as the audit trail records it.
 *
 * @param action what happened, e.g. {@code chat.answer}, {@code token.issued}, {@code auth.failed}
 * @param outcome {@code success}, {@code refused}, {@code denied} or {@code failure}
 * @param principal who acted (a principal id, never a token)
 * @param workspace where, or empty
 * @param requestId the HTTP request id, or empty
 * @param metadata queryable facts: model, backend, tokens, cost, passage ids, before/after
 * @param body prompt and answer text, kept apart so it can expire (or be encrypted) on its own
 */
public record AuditEvent(
    String action,
    String outcome,
    String principal,
    String workspace,
    String requestId,
    Map<String, Object> metadata,
    Map<String, Object> body) {
  public AuditEvent {
    metadata = Map.copyOf(metadata);
    body = body == null ? Map.of() : Map.copyOf(body);
  }
}
