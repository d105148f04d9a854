package io.stratum.app.usecase;

import io.stratum.access.Accounts;
import io.stratum.access.Action;
import io.stratum.access.IssuedToken;
import io.stratum.access.Principal;
import io.stratum.access.Role;
import io.stratum.budget.Budget;
import io.stratum.budget.Ledger;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.index.CorpusIndex;
import io.stratum.store.ConversationStore;
import io.stratum.store.DocumentStore;
import io.stratum.store.Sql;
import io.stratum.store.WorkspaceStore;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Administration: workspaces, their members, prompts, tiers and budgets; principals and tokens.
 * Each action is checked by the {@link Guard} and written to the audit trail with what changed; a
 * refused one is audited as denied. Used by the HTTP API and by {@code stratum admin} alike.
 */
public final class Administration {
  /** Longest workspace prompt accepted, in characters. */
  static final int MAX_PROMPT_CHARS = 8000;

  /** Highest monthly cap, in USD, set in whole cents. */
  static final BigDecimal MAX_CAP_USD = BigDecimal.valueOf(1_000_000);

  /** Longest a token may live: ten years. */
  public static final int MAX_TOKEN_DAYS = 3650;

  private static final List<String> TIERS = List.of("advanced", "basic");

  private final Guard guard;
  private final Accounts accounts;
  private final Ledger ledger;
  private final Stores stores;
  private final Auditor audit;

  /** What a workspace's deletion reaches besides accounts. */
  public record Stores(
      Sql sql,
      WorkspaceStore workspaces,
      DocumentStore documents,
      ConversationStore conversations,
      CorpusIndex index) {}

  public Administration(
      Guard guard, Accounts accounts, Ledger ledger, Stores stores, Auditor audit) {
    this.guard = guard;
    this.accounts = accounts;
    this.ledger = ledger;
    this.stores = stores;
    this.audit = audit;
  }

  /** A workspace as a listing shows it. */
  public record WorkspaceView(String id, String name, boolean global) {}

  /**
   * The workspaces {@code who} may read: all for an org admin, else its own and the global ones.
   */
  public List<WorkspaceView> workspaces(Principal who) {
    return stores.workspaces().workspaces().stream()
        .filter(w -> guard.allows(who, Action.READ, w.id()))
        .map(w -> new WorkspaceView(w.id(), w.name(), accounts.isGlobal(w.id())))
        .toList();
  }

  /**
   * Creates an empty workspace; org admins only.
   *
   * @param name shown in listings; null or blank for the id
   */
  public WorkspaceView createWorkspace(Principal who, String id, String name, boolean global) {
    Inputs.id("id", id, MarkdownConnector::requireWorkspaceId);
    String shown = Inputs.name("name", name, id);
    guard.requireOrgAdmin(who, "create workspaces", "workspace.created", id);
    if (stores.workspaces().workspace(id).isPresent()) {
      throw new IllegalArgumentException("workspace '" + id + "' already exists");
    }
    stores.workspaces().ensureWorkspace(id, shown);
    if (global) {
      accounts.setGlobal(id, true);
    }
    audit.record("workspace.created", "success", who, id, Map.of("name", shown, "global", global));
    return new WorkspaceView(id, shown, global);
  }

  /** Makes a workspace readable by every principal, or no longer; org admins only. */
  public void setGlobal(Principal who, String workspace, boolean global) {
    guard.workspace(who, workspace);
    guard.requireOrgAdmin(who, "make workspaces global", "workspace.global_changed", workspace);
    boolean before = accounts.isGlobal(workspace);
    accounts.setGlobal(workspace, global);
    audit.record(
        "workspace.global_changed",
        "success",
        who,
        workspace,
        Map.of("before", before, "after", global));
  }

  /**
   * Deletes a workspace: its chunks leave the index first (committed), then its documents,
   * conversations and memberships leave the store. Irreversible; workspace admins and org admins.
   */
  public void deleteWorkspace(Principal who, String workspace) {
    guard.require(who, Action.ADMINISTER, workspace, "workspace.deleted");
    stores.index().deleteWorkspace(workspace);
    stores.index().commit();
    stores
        .sql()
        .transaction(
            "delete workspace " + workspace,
            () -> {
              stores.documents().deleteWorkspace(workspace);
              stores.conversations().deleteWorkspace(workspace);
              stores.workspaces().delete(workspace);
              return null;
            });
    if (accounts.isGlobal(workspace)) {
      accounts.setGlobal(workspace, false);
    }
    audit.record("workspace.deleted", "success", who, workspace, Map.of());
  }

  /** Sets the instructions appended to the platform prompt in {@code workspace}. */
  public void setPrompt(Principal who, String workspace, String prompt) {
    guard.require(who, Action.ADMINISTER, workspace, "workspace.prompt_changed");
    Inputs.checked("prompt", prompt, MAX_PROMPT_CHARS, true);
    String before = stores.workspaces().prompt(workspace);
    stores.workspaces().setPrompt(workspace, prompt);
    audit.record(
        "workspace.prompt_changed",
        "success",
        who,
        workspace,
        Map.of("before", before, "after", prompt));
  }

  /** Sets the model tiers {@code workspace} may use; org admins only. */
  public void setTiers(Principal who, String workspace, List<String> tiers) {
    guard.workspace(who, workspace);
    guard.requireOrgAdmin(who, "set model tiers", "workspace.tiers_changed", workspace);
    Inputs.list("tiers", tiers, TIERS.size());
    for (String t : tiers) {
      if (!TIERS.contains(t)) {
        throw new InvalidInputException(
            "tiers", "expected advanced and/or basic, got '" + Inputs.echo(t) + "'");
      }
    }
    Set<String> before = stores.workspaces().tiers(workspace);
    stores.workspaces().setTiers(workspace, new LinkedHashSet<>(tiers));
    audit.record(
        "workspace.tiers_changed",
        "success",
        who,
        workspace,
        Map.of("before", List.copyOf(before), "after", tiers));
  }

  /** Sets a workspace's monthly cap, from 0 to {@link #MAX_CAP_USD} in whole cents; org admins. */
  public void setBudget(Principal who, String workspace, Budget budget) {
    BigDecimal cap = budget.capUsd();
    if (cap != null && (cap.signum() < 0 || cap.compareTo(MAX_CAP_USD) > 0)) {
      throw new InvalidInputException(
          "monthlyCapUsd",
          "expected a number from 0 to " + MAX_CAP_USD + ", got " + Inputs.echo(cap.toString()));
    }
    if (cap != null && cap.stripTrailingZeros().scale() > 2) {
      // the store keeps six decimal places on one engine and a double on the other
      throw new InvalidInputException(
          "monthlyCapUsd",
          "expected whole cents (2 decimal places at most), got " + Inputs.echo(cap.toString()));
    }
    guard.workspace(who, workspace);
    guard.requireOrgAdmin(who, "set budgets", "budget.set", workspace);
    Budget before = ledger.budget(workspace);
    ledger.setBudget(workspace, budget);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("before", describe(before));
    m.put("after", describe(budget));
    audit.record("budget.set", "success", who, workspace, m);
  }

  private static String describe(Budget b) {
    return b.capUsd() == null ? "none" : b.capUsd().toPlainString() + (b.hard() ? " hard" : "");
  }

  public void grant(Principal who, String principal, String workspace, Role role) {
    Inputs.id("principal", principal, Accounts::requirePrincipalId);
    guard.require(who, Action.ADMINISTER, workspace, "member.role_changed");
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
    Inputs.id("principal", principal, Accounts::requirePrincipalId);
    guard.require(who, Action.ADMINISTER, workspace, "member.removed");
    accounts.removeMember(principal, workspace);
    audit.record("member.removed", "success", who, workspace, Map.of("member", principal));
  }

  /**
   * Creates a principal; org admins only.
   *
   * @param name shown in listings; null or blank for the id
   */
  public Principal createPrincipal(Principal who, String id, String name, boolean orgAdmin) {
    Inputs.id("id", id, Accounts::requirePrincipalId);
    String shown = Inputs.name("name", name, id);
    guard.requireOrgAdmin(who, "create principals", "principal.created", "");
    Principal p = accounts.createPrincipal(id, shown, orgAdmin);
    audit.record(
        "principal.created", "success", who, "", Map.of("principal", id, "orgAdmin", orgAdmin));
    return p;
  }

  /**
   * A token for {@code owner}; only org admins issue tokens for others.
   *
   * @param ttl how long the token works, up to {@link #MAX_TOKEN_DAYS}, or null for no expiry
   */
  public IssuedToken issueToken(Principal who, String owner, String name, Duration ttl) {
    return issueToken(who, owner, name, ttl, null);
  }

  /**
   * As above, bound to {@code workspace} (null for none): the token's calls to the
   * OpenAI-compatible gateway spend that workspace's budget.
   */
  public IssuedToken issueToken(
      Principal who, String owner, String name, Duration ttl, String workspace) {
    Inputs.id("principal", owner, Accounts::requirePrincipalId);
    if (workspace != null) {
      guard.workspace(who, Inputs.checked("workspace", workspace, Inputs.MAX_ID_CHARS, false));
    }
    String label = Inputs.name("name", name, "");
    if (ttl != null && (ttl.isNegative() || ttl.isZero())) {
      throw new InvalidInputException("expiresInDays", "must be positive, got " + ttl);
    }
    if (ttl != null && ttl.compareTo(Duration.ofDays(MAX_TOKEN_DAYS)) > 0) {
      throw new InvalidInputException(
          "expiresInDays",
          "must be at most " + MAX_TOKEN_DAYS + " days, got " + ttl.toDays() + " days");
    }
    if (!owner.equals(who.id())) {
      guard.requireOrgAdmin(who, "issue tokens for others", "token.issued", "");
    }
    IssuedToken t = accounts.issueToken(owner, label, ttl, workspace);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tokenId", t.id());
    m.put("owner", owner);
    if (workspace != null) {
      m.put("workspace", workspace);
    }
    m.put("expiresAt", t.expiresAt() == null ? "never" : t.expiresAt().toString());
    audit.record("token.issued", "success", who, "", m);
    return t;
  }

  /**
   * Revokes a token, one's own or (org admins) anyone's; false when there is no such live token.
   */
  public boolean revokeToken(Principal who, String tokenId) {
    Inputs.checked("id", tokenId, Inputs.MAX_ID_CHARS, false);
    if (!accounts.tokenOwner(tokenId).map(who.id()::equals).orElse(false)) {
      guard.requireOrgAdmin(who, "revoke tokens of others", "token.revoked", "");
    }
    boolean revoked = accounts.revokeToken(tokenId);
    audit.record(
        "token.revoked", revoked ? "success" : "failure", who, "", Map.of("tokenId", tokenId));
    return revoked;
  }
}
