package io.stratum.budget;

import io.stratum.store.Sql;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
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
              return rs.getBigDecimal(1).stripTrailingZeros();
            }
          }
        });
  }

  /** Records that {@code threshold} fired; false when it already had this month. */
  public boolean markAlert(String workspace, YearMonth month, int threshold) {
    try {
      return sql.write(
          "mark a budget alert",
          c -> {
            try (PreparedStatement ps =
                c.prepareStatement(
                    "INSERT INTO budget_alerts (workspace_id, alert_month, threshold, fired_at) VALUES (?, ?, ?, ?)")) {
              ps.setString(1, workspace);
              ps.setString(2, month.toString());
              ps.setInt(3, threshold);
              ps.setTimestamp(4, sql.now());
              ps.executeUpdate();
              return true;
            }
          });
    } catch (io.stratum.store.StoreException e) {
      if (e.getCause() instanceof SQLException s && s.getSQLState().startsWith("23")) {
        return false; // the primary key: this alert already fired
      }
      throw e;
    }
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
                lines(c, "CAST(CAST(used_at AS DATE) AS VARCHAR(10))", workspace, month)));
  }

  private static List<Spend.Line> lines(Connection c, String key, String workspace, YearMonth month)
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
                  rs.getBigDecimal(7).stripTrailingZeros()));
        }
      }
    }
    return out;
  }
}
