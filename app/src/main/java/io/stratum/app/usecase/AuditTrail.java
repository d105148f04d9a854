package io.stratum.app.usecase;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratum.access.Action;
import io.stratum.access.Principal;
import io.stratum.access.Role;
import io.stratum.audit.AuditLog;
import io.stratum.audit.AuditRecord;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Reading the audit trail: org admins read all of it, a workspace admin only the records of the
 * workspaces they administer; anyone else is denied, and the denial is itself a record.
 */
public final class AuditTrail {
  /** Largest page of records one query returns. */
  public static final int MAX_PAGE = 1000;

  /** The metadata that names content: passages and citations, by id. */
  private static final List<String> CONTENT = List.of("passages", "citations");

  private static final ObjectMapper JSON = new ObjectMapper();

  private final Guard guard;
  private final AuditLog log;

  public AuditTrail(Guard guard, AuditLog log) {
    this.guard = guard;
    this.log = log;
  }

  /** Recomputes the hash chain and checks its signed checkpoints; org admins only. */
  public AuditLog.Verification verify(Principal who) {
    guard.requireOrgAdmin(who, "verify the audit trail", "audit.verified", "");
    return log.verify();
  }

  /**
   * What to read: every filter may be null; {@code action} may end in {@code *}.
   *
   * @param after the last sequence number already read (0 for the start)
   */
  public record Filter(
      Instant since,
      Instant until,
      String principal,
      String workspace,
      String action,
      String model,
      long after,
      int limit) {}

  /**
   * The records {@code who} may read. A record whose content came from a workspace the reader may
   * not read (a turn over several workspaces, read by the admin of one) keeps its metadata but
   * loses its body and the passages and citations it names.
   */
  public List<AuditRecord> query(Principal who, Filter f) {
    Inputs.count("limit", f.limit(), MAX_PAGE);
    Inputs.filters(f);
    List<AuditRecord> records =
        log.query(
            new AuditLog.Query(
                f.since(),
                f.until(),
                f.principal(),
                scope(who, f.workspace()),
                f.action(),
                f.model(),
                f.after(),
                f.limit()));
    return who.orgAdmin() ? records : records.stream().map(r -> visible(who, r)).toList();
  }

  private AuditRecord visible(Principal who, AuditRecord r) {
    JsonNode metadata;
    try {
      metadata = JSON.readTree(r.metadata());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("audit record " + r.seq() + " is not JSON", e);
    }
    Set<String> drawnFrom = new TreeSet<>();
    metadata.path("workspaces").forEach(n -> drawnFrom.add(n.asText()));
    for (String field : CONTENT) {
      // chunk and document ids start with their workspace: "security:adr/0003.md#2"
      metadata.path(field).forEach(n -> drawnFrom.add(n.asText().split(":", 2)[0]));
    }
    if (guard.readsAll(who, drawnFrom)) {
      return r;
    }
    ObjectNode kept = metadata.deepCopy();
    CONTENT.forEach(kept::remove);
    kept.put("redacted", "drawn also from a workspace you may not read");
    return r.redactedTo(kept.toString());
  }

  /** The workspaces {@code who} may read records of; null for all. */
  private Set<String> scope(Principal who, String workspace) {
    if (who.orgAdmin()) {
      return workspace == null ? null : Set.of(workspace);
    }
    Set<String> mine = new TreeSet<>();
    who.roles()
        .forEach(
            (ws, role) -> {
              if (role == Role.WORKSPACE_ADMIN) {
                mine.add(ws);
              }
            });
    if (mine.isEmpty()) {
      throw guard.deny(
          who,
          "audit.read",
          workspace == null ? "" : workspace,
          "read the audit trail: org admins and workspace admins only");
    }
    if (workspace != null && !mine.contains(workspace)) {
      guard.require(who, Action.ADMINISTER, workspace, "audit.read");
    }
    return workspace == null ? mine : Set.of(workspace);
  }
}
