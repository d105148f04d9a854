package io.stratum.app.usecase;

import io.stratum.audit.AuditLog;
import io.stratum.budget.Budgets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a crash may have left, settled at startup: audit records the signed head vouched for but the
 * database lost (recorded as an {@code audit.gap}), and model calls that started but were never
 * billed (billed now at their reserved worst case, audited as {@code chat.answer interrupted}).
 */
public final class Recovery {
  private static final Logger LOG = LoggerFactory.getLogger(Recovery.class);

  private Recovery() {}

  /**
   * @param staleBefore a call reserved before this was cut off by a crash of whichever process
   */
  public static void run(AuditLog log, Budgets budgets, Auditor audit, Instant staleBefore) {
    log.reconcile()
        .ifPresent(
            gap ->
                LOG.error(
                    "audit trail: {}; the signed head was ahead of the database at startup", gap));
    List<Budgets.Interrupted> billed =
        budgets.billInterrupted(
            staleBefore,
            i -> {
              Budgets.Call call = i.reservation().call();
              Map<String, Object> m = new LinkedHashMap<>();
              m.put("model", call.modelId());
              m.put("tier", call.tier());
              m.put("reservationId", i.reservation().id());
              m.put("startedAt", i.reservation().createdAt().toString());
              m.put("costUsd", i.cost().toPlainString());
              m.put("billedAs", "reserved worst case");
              if (call.conversationId() != null) {
                m.put("conversationId", call.conversationId());
              }
              audit.record(
                  "chat.answer", "interrupted", call.principal(), call.workspace(), m, null);
            });
    if (!billed.isEmpty()) {
      LOG.warn(
          "billed {} model call(s) that a crash cut off, at their reserved worst case (audited as"
              + " chat.answer interrupted)",
          billed.size());
    }
  }
}
