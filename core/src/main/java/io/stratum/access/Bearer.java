package io.stratum.access;

import java.util.Optional;

/**
 * Who a bearer credential names, and the workspace it is bound to: an API token issued with a
 * workspace spends that workspace's budget on the OpenAI-compatible gateway; other credentials (an
 * unbound token, an OIDC JWT) are bound to none.
 */
public record Bearer(Principal principal, Optional<String> workspace) {
  public Bearer {
    workspace = workspace == null ? Optional.empty() : workspace;
  }

  /** A credential bound to no workspace. */
  public static Bearer unbound(Principal principal) {
    return new Bearer(principal, Optional.empty());
  }
}
