package io.stratum.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** A stored audit event with its place in the chain. */
public record AuditRecord(
    long seq,
    Instant at,
    String action,
    String outcome,
    String principal,
    String workspace,
    String requestId,
    String metadata,
    String body,
    String bodyHash,
    String prevHash,
    String hash) {
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The same record with {@code text} as its body (e.g. once opened). */
  public AuditRecord withBody(String text) {
    return new AuditRecord(
        seq, at, action, outcome, principal, workspace, requestId, metadata, text, bodyHash,
        prevHash, hash);
  }

  /** The same record with {@code json} as its metadata and no body: what a reader may not see. */
  public AuditRecord redactedTo(String json) {
    return new AuditRecord(
        seq, at, action, outcome, principal, workspace, requestId, json, null, bodyHash, prevHash,
        hash);
  }

  /** The record as JSON shows it: metadata and body as objects, times as ISO text. */
  public Map<String, Object> asMap() {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("seq", seq);
    m.put("at", at.toString());
    m.put("action", action);
    m.put("outcome", outcome);
    m.put("principal", principal);
    m.put("workspace", workspace);
    m.put("requestId", requestId);
    try {
      m.put("metadata", JSON.readTree(metadata));
      m.put("body", body == null ? null : JSON.readTree(body));
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("audit record " + seq + " is not JSON", e);
    }
    m.put("prevHash", prevHash);
    m.put("hash", hash);
    return m;
  }
}
