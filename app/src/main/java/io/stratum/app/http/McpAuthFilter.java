package io.stratum.app.http;

import io.stratum.access.TokenRejectedException;
import io.stratum.app.Stratum;
import io.stratum.app.api.BearerAuth;
import io.stratum.app.api.Problem;
import io.stratum.app.mcp.StratumMcp;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.slf4j.MDC;

/**
 * Refuses an MCP request without a valid bearer token before the protocol sees it: 401 with {@code
 * WWW-Authenticate: Bearer} and the API's problem body, after the API's own check. The principal it
 * found travels on to the tool call as a request attribute.
 */
final class McpAuthFilter implements Filter {
  private final Stratum stratum;

  McpAuthFilter(Stratum stratum) {
    this.stratum = stratum;
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest http = (HttpServletRequest) req;
    MDC.put("clientIp", http.getRemoteAddr());
    try {
      req.setAttribute(
          StratumMcp.PRINCIPAL_ATTRIBUTE,
          BearerAuth.principal(stratum.signIn(), http.getHeader("Authorization"), "MCP: "));
    } catch (TokenRejectedException e) {
      Problem p = new Problem("unauthenticated", "Unauthenticated", 401, e.getMessage(), Map.of());
      HttpServletResponse out = (HttpServletResponse) res;
      out.setStatus(p.status());
      out.setHeader("WWW-Authenticate", "Bearer realm=\"stratum\"");
      out.setContentType(Problem.CONTENT_TYPE);
      out.getOutputStream().write(HttpApi.write(p.body()).getBytes(StandardCharsets.UTF_8));
      return;
    } finally {
      MDC.remove("clientIp");
    }
    chain.doFilter(req, res);
  }
}
