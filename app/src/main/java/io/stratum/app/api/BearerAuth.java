package io.stratum.app.api;

import io.stratum.access.Bearer;
import io.stratum.access.Principal;
import io.stratum.access.TokenRejectedException;
import io.stratum.app.usecase.SignIn;

/**
 * The one bearer-token check of the server, for the API routes and for {@code /mcp}: the {@code
 * Authorization} header names the caller, or the failure is audited (never the token) and thrown as
 * a {@link TokenRejectedException}.
 */
public final class BearerAuth {
  private BearerAuth() {}

  /**
   * @param channel put before the reason in the audit record, e.g. {@code "MCP: "}
   */
  public static Principal principal(SignIn signIn, String header, String channel) {
    return credential(signIn, header, channel).principal();
  }

  /** As {@link #principal}, with the workspace the token is bound to. */
  public static Bearer credential(SignIn signIn, String header, String channel) {
    if (header == null || header.isBlank()) {
      throw signIn.refuse(
          channel,
          "send an API token as 'Authorization: Bearer stt_...' (`stratum admin token create --principal ID` makes one, also while the server runs)");
    }
    if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw signIn.refuse(channel, "expected 'Authorization: Bearer <token>'");
    }
    return signIn.credential(header.substring(7).strip(), channel);
  }
}
