package io.stratum.app;

import io.stratum.access.AccessDeniedException;
import io.stratum.access.Accounts;
import io.stratum.access.Action;
import io.stratum.access.IssuedToken;
import io.stratum.access.Principal;
import io.stratum.access.Role;
import io.stratum.budget.Budget;
import io.stratum.budget.Ledger;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Administration: principals, memberships, tokens, workspaces and budgets. Each action is checked
 * against the policy and written to the audit trail with what changed; a refused one is audited as
 * denied. Used by the HTTP API and by {@code stratum admin} alike.
 */
public final class Admin {
  private final Stratum stratum;
  private final Accounts accounts;
  private final Ledger ledger;
  private final Auditor audit;

  Admin(Stratum stratum, Accounts accounts, Ledger ledger, Auditor audit) {
    this.stratum = stratum;
    this.accounts = accounts;
    this.ledger = ledger;
    this.audit = audit;
  }

  private void requireOrgAdmin(Principal who, String what, String action, String workspace) {
    if (!who.orgAdmin()) {
      audit.record(action, "denied", who, workspace, Map.of("reason", "org admins only"));
      throw new AccessDeniedException("'%s' may not %s: org admins only".formatted(who.id(), what));
    }
  }

  private void requireAdminOf(Principal who, String workspace, String action) {
    stratum.require(who, Action.ADMINISTER, workspace, action);
  }

  public void createWorkspace(Principal who, String id, String name, boolean global) {
    requireOrgAdmin(who, "create workspaces", "workspace.created", id);
    stratum.createWorkspace(id, name);
    if (global) {
      accounts.setGlobal(id, true);
    }
    audit.record("workspace.created", "success", who, id, Map.of("name", name, "global", global));
  }

  public void grant(Principal who, String principal, String workspace, Role role) {
    stratum.workspace(workspace);
    requireAdminOf(who, workspace, "member.role_changed");
    Role before = accounts.principal(principal).map(p -> p.roles().get(workspace)).orElse(null);
    accounts.grant(principal, workspace, role);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("member", principal);
    m.put("before", before == null ? "none" : before.id());
    m.put("after", role.id());
    audit.record(
        before == null ? "member.added" : "member.role_changed", "success", who, workspace, m);
  }

  public void removeMember(Principal who, String principal, String workspace) {
    stratum.workspace(workspace);
    requireAdminOf(who, workspace, "member.removed");
    accounts.removeMember(principal, workspace);
    audit.record("member.removed", "success", who, workspace, Map.of("member", principal));
  }

  public Principal createPrincipal(Principal who, String id, String name, boolean orgAdmin) {
    requireOrgAdmin(who, "create principals", "principal.created", "");
    Principal p = accounts.createPrincipal(id, name, orgAdmin);
    audit.record(
        "principal.created", "success", who, "", Map.of("principal", id, "orgAdmin", orgAdmin));
    return p;
  }

  /**
   * @param ttl how long the token works, or null for no expiry
   */
  public IssuedToken issueToken(Principal who, String owner, String name, Duration ttl) {
    if (!owner.equals(who.id())) {
      requireOrgAdmin(who, "issue tokens for others", "token.issued", "");
    }
    IssuedToken t = accounts.issueToken(owner, name, ttl);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tokenId", t.id());
    m.put("owner", owner);
    m.put("expiresAt", t.expiresAt() == null ? "never" : t.expiresAt().toString());
    audit.record("token.issued", "success", who, "", m);
    return t;
  }

  public boolean revokeToken(Principal who, String tokenId) {
    requireOrgAdmin(who, "revoke tokens", "token.revoked", "");
    boolean revoked = accounts.revokeToken(tokenId);
    audit.record(
        "token.revoked", revoked ? "success" : "failure", who, "", Map.of("tokenId", tokenId));
    return revoked;
  }

  /** Sets the model tiers {@code workspace} may use. */
  public void setWorkspaceTiers(Principal who, String workspace, java.util.List<String> tiers) {
    stratum.workspace(workspace);
    requireOrgAdmin(who, "set model tiers", "workspace.tiers_changed", workspace);
    for (String t : tiers) {
      if (!t.equals("advanced") && !t.equals("basic")) {
        throw new InvalidInputException("tiers", "expected advanced and/or basic, got '" + t + "'");
      }
    }
    java.util.Set<String> before = stratum.workspaceStore().tiers(workspace);
    stratum.workspaceStore().setTiers(workspace, new java.util.LinkedHashSet<>(tiers));
    audit.record(
        "workspace.tiers_changed",
        "success",
        who,
        workspace,
        Map.of("before", java.util.List.copyOf(before), "after", tiers));
  }

  public void setBudget(Principal who, String workspace, Budget budget) {
    stratum.workspace(workspace);
    requireOrgAdmin(who, "set budgets", "budget.set", workspace);
    Budget before = ledger.budget(workspace);
    ledger.setBudget(workspace, budget);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put(
        "before",
        before.capUsd() == null
            ? "none"
            : before.capUsd().toPlainString() + (before.hard() ? " hard" : ""));
    m.put(
        "after",
        budget.capUsd() == null
            ? "none"
            : budget.capUsd().toPlainString() + (budget.hard() ? " hard" : ""));
    audit.record("budget.set", "success", who, workspace, m);
  }
}
