package io.stratum.budget;

import io.stratum.store.Sql;
import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Usage rows, each priced when it was written (a later price change never rewrites history), and
 * the per-workspace budget settings. Months are UTC calendar months.
 */
public final class Ledger {
  private final Sql sql;

  public Ledger(Sql sql) {
    this.sql = sql;
  }

  public YearMonth currentMonth() {
    return YearMonth.now(sql.clock().withZone(ZoneOffset.UTC));
  }

  /** Writes {@code row} priced at {@code rates}; returns its cost. */
  public BigDecimal record(UsageRow row, Rates rates) {
    BigDecimal cost = rates.cost(row.usage());
    String month = currentMonth().toString();
    sql.write(
        "record usage for " + row.workspace(),
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO usage_rows (id, workspace_id, principal_id, model_id, tier, backend,"
                      + " input_tokens, output_tokens, reasoning_tokens, cache_read_tokens,"
                      + " cache_write_tokens, cost_usd, usage_month, used_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, UUID.randomUUID().toString());
            ps.setString(2, row.workspace());
            ps.setString(3, row.principal());
            ps.setString(4, row.modelId());
            ps.setString(5, row.tier());
            ps.setString(6, row.backend());
            ps.setInt(7, row.usage().input());
            ps.setInt(8, row.usage().output());
            ps.setInt(9, row.usage().reasoning());
            ps.setInt(10, row.usage().cacheRead());
            ps.setInt(11, row.usage().cacheWrite());
            ps.setBigDecimal(12, cost);
            ps.setString(13, month);
            ps.setTimestamp(14, sql.now());
            ps.executeUpdate();
          }
          return null;
        });
    return cost;
  }

  public BigDecimal spent(String workspace, YearMonth month) {
    return sql.read(
        "sum the spend of " + workspace,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT COALESCE(SUM(cost_usd), 0) FROM usage_rows WHERE workspace_id = ? AND usage_month = ?")) {
            ps.setString(1, workspace);
            ps.setString(2, month.toString());
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              return Sql.usd(rs.getBigDecimal(1));
            }
          }
        });
  }

  /**
   * Records that {@code threshold} fired; false when it already had this month. Called under the
   * workspace's budget lock, so the check and the insert cannot interleave with another process.
   */
  public boolean markAlert(String workspace, YearMonth month, int threshold) {
    return sql.write(
        "mark a budget alert",
        c -> {
          boolean fired =
              c.one(
                      "SELECT 1 FROM budget_alerts WHERE workspace_id = ? AND alert_month = ?"
                          + " AND threshold = ?",
                      rs -> true,
                      workspace,
                      month.toString(),
                      threshold)
                  .isPresent();
          if (fired) {
            return false;
          }
          c.update(
              "INSERT INTO budget_alerts (workspace_id, alert_month, threshold, fired_at)"
                  + " VALUES (?, ?, ?, ?)",
              workspace,
              month.toString(),
              threshold,
              sql.now());
          return true;
        });
  }

  /** The database, for the budget's transactions. */
  Sql sql() {
    return sql;
  }

  /** What calls in flight in {@code workspace} have reserved, in USD. */
  BigDecimal reserved(String workspace) {
    return sql.read(
        "sum the reservations of " + workspace,
        c ->
            Sql.usd(
                c.one(
                        "SELECT SUM(estimate_usd) FROM budget_reservations WHERE workspace_id = ?",
                        rs -> rs.getBigDecimal(1),
                        workspace)
                    .orElse(null)));
  }

  void reserve(String id, Budgets.Call call, BigDecimal estimate, String owner) {
    sql.update(
        "reserve a call in " + call.workspace(),
        c ->
            c.update(
                "INSERT INTO budget_reservations (id, workspace_id, principal_id, model_id, tier,"
                    + " input_tokens, output_tokens, estimate_usd, conversation_id, owner,"
                    + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                id,
                call.workspace(),
                call.principal(),
                call.modelId(),
                call.tier(),
                call.inputTokens(),
                call.maxOutputTokens(),
                estimate,
                call.conversationId(),
                owner,
                sql.now()));
  }

  /** Deletes a reservation; false when it was already gone. */
  boolean release(String id) {
    return sql.write(
        "release reservation " + id,
        c -> c.update("DELETE FROM budget_reservations WHERE id = ?", id) == 1);
  }

  /** A reservation still on record: a call in flight, or one a crash cut off. */
  public record OpenReservation(
      String id, Budgets.Call call, BigDecimal estimate, String owner, Instant createdAt) {}

  /** Reservations of {@code owner}, and of anyone made before {@code staleBefore}. */
  List<OpenReservation> openReservations(String owner, Instant staleBefore) {
    return sql.read(
        "list open reservations",
        c ->
            c.list(
                "SELECT id, workspace_id, principal_id, model_id, tier, input_tokens,"
                    + " output_tokens, estimate_usd, conversation_id, owner, created_at"
                    + " FROM budget_reservations WHERE owner = ? OR created_at < ?"
                    + " ORDER BY created_at",
                rs ->
                    new OpenReservation(
                        rs.getString(1),
                        new Budgets.Call(
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getInt(6),
                            rs.getInt(7),
                            rs.getString(9)),
                        Sql.usd(rs.getBigDecimal(8)),
                        rs.getString(10),
                        rs.getTimestamp(11).toInstant()),
                owner,
                Timestamp.from(staleBefore)));
  }

  /** Bills an interrupted call at its reservation: what it may have used, as a worst case. */
  void recordInterrupted(OpenReservation r) {
    sql.update(
        "bill the interrupted call " + r.id(),
        c ->
            c.update(
                "INSERT INTO usage_rows (id, workspace_id, principal_id, model_id, tier, backend,"
                    + " input_tokens, output_tokens, reasoning_tokens, cache_read_tokens,"
                    + " cache_write_tokens, cost_usd, usage_month, used_at, interrupted)"
                    + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, 0, 0, 0, ?, ?, ?, ?)",
                r.id(),
                r.call().workspace(),
                r.call().principal(),
                r.call().modelId(),
                r.call().tier(),
                "interrupted",
                r.call().inputTokens(),
                r.call().maxOutputTokens(),
                r.estimate(),
                currentMonth().toString(),
                sql.now(),
                true));
  }

  public Budget budget(String workspace) {
    return sql.read(
        "read the budget of " + workspace,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT monthly_cap_usd, hard_cap FROM workspaces WHERE id = ?")) {
            ps.setString(1, workspace);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? new Budget(rs.getBigDecimal(1), rs.getBoolean(2)) : Budget.NONE;
            }
          }
        });
  }

  public void setBudget(String workspace, Budget budget) {
    sql.write(
        "set the budget of " + workspace,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE workspaces SET monthly_cap_usd = ?, hard_cap = ? WHERE id = ?")) {
            ps.setBigDecimal(1, budget.capUsd());
            ps.setBoolean(2, budget.hard());
            ps.setString(3, workspace);
            if (ps.executeUpdate() == 0) {
              throw new IllegalArgumentException("workspace '" + workspace + "' does not exist");
            }
          }
          return null;
        });
  }

  public Spend spend(String workspace, YearMonth month) {
    Budget b = budget(workspace);
    return sql.read(
        "report the spend of " + workspace,
        c ->
            new Spend(
                workspace,
                month,
                spent(workspace, month),
                b.capUsd() == null ? null : b.capUsd().stripTrailingZeros(),
                b.hard(),
                month.plusMonths(1).atDay(1),
                lines(c, "model_id || ' (' || tier || ')'", workspace, month),
                lines(c, "principal_id", workspace, month),
                lines(c, sql.dialect().dayOf("used_at"), workspace, month),
                lines(
                    c,
                    sql.dialect().dayOf("used_at") + " || ' ' || model_id || ' (' || tier || ')'",
                    workspace,
                    month)));
  }

  private static List<Spend.Line> lines(Sql.Tx c, String key, String workspace, YearMonth month)
      throws SQLException {
    List<Spend.Line> out = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT "
                + key
                + " AS k, COUNT(*), SUM(input_tokens), SUM(output_tokens), SUM(reasoning_tokens),"
                + " SUM(cache_read_tokens + cache_write_tokens), SUM(cost_usd)"
                + " FROM usage_rows WHERE workspace_id = ? AND usage_month = ? GROUP BY "
                + key
                + " ORDER BY k")) {
      ps.setString(1, workspace);
      ps.setString(2, month.toString());
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          out.add(
              new Spend.Line(
                  rs.getString(1),
                  rs.getLong(2),
                  rs.getLong(3),
                  rs.getLong(4),
                  rs.getLong(5),
                  rs.getLong(6),
                  Sql.usd(rs.getBigDecimal(7))));
        }
      }
    }
    return out;
  }
}
