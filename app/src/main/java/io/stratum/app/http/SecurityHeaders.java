package io.stratum.app.http;

import io.stratum.app.mcp.StratumMcp;
import jakarta.servlet.http.HttpServletResponse;

/**
 * The headers every response carries, set before any route runs so errors carry them too: no MIME
 * sniffing, no referrer, no framing, a content security policy (the strict one of the {@code /docs}
 * page, else {@code default-src 'none'}: JSON loads nothing), and {@code no-store} on what is
 * private to a caller.
 */
final class SecurityHeaders {
  /** For every response but the docs page: JSON, SSE and plain text run and load nothing. */
  static final String NOTHING = "default-src 'none'; frame-ancestors 'none'";

  private SecurityHeaders() {}

  static void apply(HttpServletResponse res, String path) {
    res.setHeader("X-Content-Type-Options", "nosniff");
    res.setHeader("Referrer-Policy", "no-referrer");
    res.setHeader("X-Frame-Options", "DENY");
    boolean docs = path.equals("/docs") || path.equals("/docs/");
    res.setHeader(
        "Content-Security-Policy",
        docs ? ApiDocs.CSP : WebAssets.isUi(path) ? WebAssets.CSP : NOTHING);
    if (path.startsWith("/api/") || path.startsWith("/v1/") || path.equals(StratumMcp.PATH)) {
      res.setHeader("Cache-Control", "no-store");
    }
  }
}
