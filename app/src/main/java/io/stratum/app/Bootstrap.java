package io.stratum.app;

import io.stratum.access.Accounts;
import io.stratum.access.IssuedToken;
import io.stratum.access.Role;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** First-run accounts: the org admin, and for the demo a member of each sample workspace. */
public final class Bootstrap {
  public static final String ADMIN = "admin";

  private Bootstrap() {}

  /**
   * Makes the first org admin when there is none; returns its token, to be shown once. With a
   * {@code fixedToken} (the demo's {@code --admin-token}), that token is registered instead.
   */
  public static Optional<IssuedToken> orgAdmin(Accounts accounts, String fixedToken) {
    boolean fresh = !accounts.anyOrgAdmin();
    if (fresh) {
      accounts.createPrincipal(ADMIN, "Org admin", true);
    }
    if (fixedToken != null && !fixedToken.isBlank()) {
      accounts.importToken(ADMIN, "fixed admin token", fixedToken);
      return Optional.empty();
    }
    return fresh
        ? Optional.of(accounts.issueToken(ADMIN, "first org admin", null))
        : Optional.empty();
  }

  /** A member principal and a fresh 30-day token for each sample workspace. */
  public static List<IssuedToken> demoMembers(Accounts accounts, List<String> workspaces) {
    List<IssuedToken> out = new ArrayList<>();
    for (String ws : workspaces) {
      String id = ws + "-member";
      if (accounts.principal(id).isEmpty()) {
        accounts.createPrincipal(id, "Demo member of " + ws, false);
      }
      accounts.grant(id, ws, Role.MEMBER);
      out.add(accounts.issueToken(id, "demo", Duration.ofDays(30)));
    }
    return out;
  }
}
