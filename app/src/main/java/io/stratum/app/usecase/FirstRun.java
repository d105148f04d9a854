package io.stratum.app.usecase;

import io.stratum.access.Accounts;
import io.stratum.access.IssuedToken;
import io.stratum.access.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * First-run accounts: the org admin, and for the demo a member of each sample workspace. Stratum
 * makes them itself, so they are audited with {@code system} as the actor, like any admin action.
 */
public final class FirstRun {
  public static final String ADMIN = "admin";

  private final Accounts accounts;
  private final Auditor audit;

  public FirstRun(Accounts accounts, Auditor audit) {
    this.accounts = accounts;
    this.audit = audit;
  }

  /**
   * Makes the first org admin when there is none; returns its token, to be shown once. With a
   * {@code fixedToken} (the demo's {@code --admin-token}), that token is registered instead.
   */
  public Optional<IssuedToken> orgAdmin(String fixedToken) {
    boolean fresh = !accounts.anyOrgAdmin();
    if (fresh) {
      accounts.createPrincipal(ADMIN, "Org admin", true);
      audit.system(
          "principal.created", "", Map.of("principal", ADMIN, "orgAdmin", true, "bootstrap", true));
    }
    if (fixedToken != null && !fixedToken.isBlank()) {
      accounts.importToken(ADMIN, "fixed admin token", fixedToken);
      audit.system(
          "token.issued",
          "",
          Map.of("owner", ADMIN, "name", "fixed admin token", "imported", true));
      return Optional.empty();
    }
    if (!fresh) {
      return Optional.empty();
    }
    IssuedToken t = accounts.issueToken(ADMIN, "first org admin", null);
    audit.system("token.issued", "", issued(t, "first org admin"));
    return Optional.of(t);
  }

  private static Map<String, Object> issued(IssuedToken t, String name) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("tokenId", t.id());
    m.put("owner", t.principalId());
    m.put("name", name);
    m.put("expiresAt", t.expiresAt() == null ? "never" : t.expiresAt().toString());
    return m;
  }

  /** How long a demo member's token works. */
  public static final Duration DEMO_TOKEN_LIFETIME = Duration.ofDays(30);

  /** A kept demo token is handed out again only while it works for at least this much longer. */
  static final Duration REUSE_MARGIN = Duration.ofDays(1);

  /**
   * A member principal for each sample workspace, with its token: the one in {@code kept} (by
   * principal id) while it still works for a day or more, else a new 30-day one.
   */
  public List<IssuedToken> demoMembers(List<String> workspaces, Map<String, String> kept) {
    List<IssuedToken> out = new ArrayList<>();
    for (String ws : workspaces) {
      String id = ws + "-member";
      if (accounts.principal(id).isEmpty()) {
        accounts.createPrincipal(id, "Demo member of " + ws, false);
        audit.system("principal.created", "", Map.of("principal", id, "orgAdmin", false));
      }
      accounts.grant(id, ws, Role.MEMBER);
      audit.system("member.added", ws, Map.of("member", id, "after", Role.MEMBER.id()));
      Optional<IssuedToken> reused =
          Optional.ofNullable(kept.get(id))
              .flatMap(token -> accounts.live(token, REUSE_MARGIN))
              .filter(t -> t.principalId().equals(id));
      out.add(reused.orElseGet(() -> issue(id)));
    }
    return out;
  }

  private IssuedToken issue(String principal) {
    IssuedToken t = accounts.issueToken(principal, "demo", DEMO_TOKEN_LIFETIME);
    audit.system("token.issued", "", issued(t, "demo"));
    return t;
  }
}
