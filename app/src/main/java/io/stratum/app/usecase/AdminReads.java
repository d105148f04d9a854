package io.stratum.app.usecase;

import io.stratum.access.Accounts;
import io.stratum.access.Action;
import io.stratum.access.Member;
import io.stratum.access.Principal;
import io.stratum.access.TokenInfo;
import io.stratum.budget.Budget;
import io.stratum.budget.Ledger;
import io.stratum.store.Workspace;
import io.stratum.store.WorkspaceStore;
import java.util.List;
import java.util.Set;

/**
 * What the admin pages read that no other use case gives: one workspace's settings and members, and
 * API tokens (never their secrets). Checked by the {@link Guard} like the changes {@link
 * Administration} makes; a refusal is audited.
 */
public final class AdminReads {
  private final Guard guard;
  private final Accounts accounts;
  private final Ledger ledger;
  private final WorkspaceStore workspaces;

  public AdminReads(Guard guard, Accounts accounts, Ledger ledger, WorkspaceStore workspaces) {
    this.guard = guard;
    this.accounts = accounts;
    this.ledger = ledger;
    this.workspaces = workspaces;
  }

  /**
   * Everything an admin page shows of a workspace: prompt, tiers, budget and members; for its
   * workspace admins and org admins.
   */
  public record WorkspaceDetail(
      String id,
      String name,
      boolean global,
      String prompt,
      Set<String> tiers,
      Budget budget,
      List<Member> members) {}

  public WorkspaceDetail workspace(Principal who, String workspace) {
    guard.require(who, Action.ADMINISTER, workspace, "workspace.read");
    Workspace w = guard.workspace(who, workspace);
    return new WorkspaceDetail(
        w.id(),
        w.name(),
        accounts.isGlobal(w.id()),
        workspaces.prompt(workspace),
        workspaces.tiers(workspace),
        ledger.budget(workspace),
        accounts.members(workspace));
  }

  /** Longest token listing. */
  public static final int MAX_TOKENS_LISTED = 500;

  /**
   * Tokens, newest first, never their secrets: the caller's own, or (org admins) those of {@code
   * owner}, or everyone's when {@code owner} is null.
   */
  public List<TokenInfo> tokens(Principal who, String owner) {
    if (owner != null) {
      Inputs.id("principal", owner, Accounts::requirePrincipalId);
    }
    if (who.orgAdmin()) {
      return accounts.tokens(owner, MAX_TOKENS_LISTED);
    }
    if (owner != null && !owner.equals(who.id())) {
      guard.requireOrgAdmin(who, "list tokens of others", "token.read", "");
    }
    return accounts.tokens(who.id(), MAX_TOKENS_LISTED);
  }
}
