package io.stratum.app.usecase;

import io.stratum.access.Accounts;
import io.stratum.access.Bearer;
import io.stratum.access.Principal;
import io.stratum.access.TokenRejectedException;
import java.util.function.Function;

/**
 * Who a bearer credential names: a Stratum API token, or an OIDC JWT when an identity provider is
 * configured. A refused credential is audited with the reason, never the credential.
 */
public final class SignIn {
  private final Accounts accounts;
  private final Function<String, Principal> jwt;
  private final Auditor audit;

  /**
   * @param jwt checks an OIDC token and maps it to a principal, or null without OIDC
   */
  public SignIn(Accounts accounts, Function<String, Principal> jwt, Auditor audit) {
    this.accounts = accounts;
    this.jwt = jwt;
    this.audit = audit;
  }

  /**
   * The principal {@code bearer} names.
   *
   * @param channel put before the reason in the audit record of a refusal, e.g. {@code "MCP: "}
   * @throws TokenRejectedException saying why it is refused
   */
  public Principal authenticate(String bearer, String channel) {
    return credential(bearer, channel).principal();
  }

  /**
   * As {@link #authenticate}, with the workspace an API token is bound to (an OIDC JWT is bound to
   * none).
   */
  public Bearer credential(String bearer, String channel) {
    try {
      return principal(bearer);
    } catch (TokenRejectedException e) {
      audit.authFailure(channel + e.getMessage());
      throw e;
    }
  }

  /** Audits a credential refused before it could be checked (a malformed header) and returns it. */
  public TokenRejectedException refuse(String channel, String reason) {
    audit.authFailure(channel + reason);
    return new TokenRejectedException(reason);
  }

  private Bearer principal(String bearer) {
    if (bearer == null || bearer.isBlank()) {
      throw new TokenRejectedException("no bearer token");
    }
    if (bearer.startsWith(Accounts.TOKEN_PREFIX)) {
      return accounts.bearer(bearer);
    }
    if (jwt != null && bearer.chars().filter(ch -> ch == '.').count() == 2) {
      return Bearer.unbound(jwt.apply(bearer));
    }
    throw new TokenRejectedException(
        jwt == null
            ? "not a Stratum API token (OIDC is not configured)"
            : "neither a Stratum API token nor a JWT");
  }
}
