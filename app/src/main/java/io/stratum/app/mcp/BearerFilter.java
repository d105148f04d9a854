package io.stratum.app.mcp;

import io.stratum.access.TokenRejectedException;
import io.stratum.app.Stratum;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;

/**
 * Refuses an MCP HTTP request without a valid bearer token before the protocol sees it: 401 with
 * {@code WWW-Authenticate: Bearer} and a JSON problem, as the rest of the API answers. The failure
 * is audited; the token never is.
 */
final class BearerFilter implements Filter {
  /** The request attribute that carries the authenticated principal on to the tool call. */
  static final String PRINCIPAL = "stratum.principal";

  private final Stratum stratum;

  BearerFilter(Stratum stratum) {
    this.stratum = stratum;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) req;
    String header = http.getHeader("Authorization");
    String reason;
    if (header == null || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      reason = "missing bearer token";
    } else {
      try {
        req.setAttribute(PRINCIPAL, stratum.authenticate(header.substring(7).strip()));
        chain.doFilter(req, res);
        return;
      } catch (TokenRejectedException e) {
        reason = e.getMessage();
      }
    }
    org.slf4j.MDC.put("clientIp", http.getRemoteAddr());
    try {
      stratum.auditAuthFailure("MCP: " + reason);
    } finally {
      org.slf4j.MDC.remove("clientIp");
    }
    HttpServletResponse out = (HttpServletResponse) res;
    out.setStatus(401);
    out.setHeader("WWW-Authenticate", "Bearer realm=\"stratum\"");
    out.setContentType("application/problem+json");
    out.getOutputStream()
        .write(
            ("{\"type\":\"urn:stratum:problem:unauthenticated\",\"title\":\"Unauthenticated\","
                    + "\"status\":401,\"detail\":\""
                    + reason.replace("\"", "'")
                    + "\"}")
                .getBytes(StandardCharsets.UTF_8));
  }
}
