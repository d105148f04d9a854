package io.stratum.store;

import java.sql.SQLException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Workspaces and their settings: name, instructions (the workspace prompt) and the model tiers they
 * may use. Budgets live with usage ({@code io.stratum.budget.Ledger}).
 */
public final class WorkspaceStore {
  private final Sql sql;

  public WorkspaceStore(Sql sql) {
    this.sql = sql;
  }

  /** Creates the workspace unless it exists. */
  public void ensureWorkspace(String id, String name) {
    sql.update(
        "create workspace " + id,
        tx -> {
          if (find(tx, id).isEmpty()) {
            tx.update(
                "INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)",
                id,
                name,
                sql.now());
          }
        });
  }

  public List<Workspace> workspaces() {
    return sql.read(
        "list workspaces",
        tx ->
            tx.list(
                "SELECT id, name FROM workspaces ORDER BY id",
                rs -> new Workspace(rs.getString(1), rs.getString(2))));
  }

  public Optional<Workspace> workspace(String id) {
    return sql.read("read workspace " + id, tx -> find(tx, id));
  }

  /** Deletes the workspace's own row; its contents go first, by their stores. */
  public void delete(String id) {
    sql.update(
        "delete workspace " + id, tx -> tx.update("DELETE FROM workspaces WHERE id = ?", id));
  }

  /** A workspace's instructions, appended to the platform prompt on every turn in it. */
  public String prompt(String workspace) {
    return sql.read(
            "read the prompt of " + workspace,
            tx ->
                tx.one(
                    "SELECT system_prompt FROM workspaces WHERE id = ?",
                    rs -> rs.getString(1),
                    workspace))
        .orElse("");
  }

  public void setPrompt(String workspace, String prompt) {
    sql.update(
        "set the prompt of " + workspace,
        tx -> tx.update("UPDATE workspaces SET system_prompt = ? WHERE id = ?", prompt, workspace));
  }

  /** The model tiers a workspace may use ({@code advanced}, {@code basic}). */
  public Set<String> tiers(String workspace) {
    String stored =
        sql.read(
                "read the tiers of " + workspace,
                tx ->
                    tx.one(
                        "SELECT model_tiers FROM workspaces WHERE id = ?",
                        rs -> rs.getString(1),
                        workspace))
            .orElse("");
    Set<String> out = new LinkedHashSet<>();
    for (String t : stored.split(",")) {
      if (!t.isBlank()) {
        out.add(t.strip());
      }
    }
    return out;
  }

  public void setTiers(String workspace, Set<String> tiers) {
    sql.update(
        "set the tiers of " + workspace,
        tx ->
            tx.update(
                "UPDATE workspaces SET model_tiers = ? WHERE id = ?",
                String.join(",", tiers),
                workspace));
  }

  private static Optional<Workspace> find(Sql.Tx tx, String id) throws SQLException {
    return tx.one(
        "SELECT id, name FROM workspaces WHERE id = ?",
        rs -> new Workspace(rs.getString(1), rs.getString(2)),
        id);
  }
}
