package io.stratum.app.http;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * CORS for the origins configured in {@code stratum_allowed_origins}, and for no other: their pages
 * may send a bearer token and read the answer. Without the key, no response carries a CORS header.
 */
final class Cors {
  private Cors() {}

  /**
   * Allows {@code origin} on this response; answers a preflight ({@code OPTIONS} with {@code
   * Access-Control-Request-Method}) whole, returning true, as no route serves {@code OPTIONS}.
   */
  static boolean answer(HttpServletRequest in, HttpServletResponse out, String origin) {
    out.setHeader("Access-Control-Allow-Origin", origin);
    out.addHeader("Vary", "Origin");
    out.setHeader(
        "Access-Control-Expose-Headers",
        "Mcp-Session-Id, X-Request-Id, WWW-Authenticate, Retry-After");
    if (!in.getMethod().equals("OPTIONS")
        || in.getHeader("Access-Control-Request-Method") == null) {
      return false;
    }
    out.setHeader("Access-Control-Allow-Methods", "GET, POST, PUT, DELETE");
    out.setHeader(
        "Access-Control-Allow-Headers",
        "Authorization, Content-Type, Accept, Last-Event-ID, Mcp-Session-Id,"
            + " Mcp-Protocol-Version, X-Request-Id");
    out.setHeader("Access-Control-Max-Age", "600");
    out.setStatus(204);
    return true;
  }
}
