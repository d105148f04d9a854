package io.stratum.app.http;

import io.stratum.access.Principal;
import io.stratum.access.TokenRejectedException;
import io.stratum.app.Stratum;

/**
 * The one bearer-token check of the HTTP server, for the API routes and for {@code /mcp}: the
 * {@code Authorization} header names the caller, or the failure is audited (never the token) and
 * thrown as a {@link TokenRejectedException}.
 */
final class BearerAuth {
  private BearerAuth() {}

  /**
   * @param channel put before the reason in the audit record, e.g. {@code "MCP: "}
   */
  static Principal principal(Stratum stratum, String header, String channel) {
    try {
      if (header == null || header.isBlank()) {
        throw new TokenRejectedException(
            "send an API token as 'Authorization: Bearer stt_...' (`stratum admin token create --principal ID` makes one, also while the server runs)");
      }
      if (!header.regionMatches(true, 0, "Bearer ", 0, 7)) {
        throw new TokenRejectedException("expected 'Authorization: Bearer <token>'");
      }
      return stratum.authenticate(header.substring(7).strip());
    } catch (TokenRejectedException e) {
      stratum.auditAuthFailure(channel + e.getMessage());
      throw e;
    }
  }
}
