package io.stratum.app.http;

import io.stratum.app.api.OpenAiError;
import io.stratum.app.api.Problem;
import io.stratum.app.config.BrowserSettings;
import io.stratum.app.mcp.StratumMcp;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every request meets first, the API's routes and {@code /mcp} alike: the {@link
 * SecurityHeaders}, the browser-origin rule (a page of an origin not {@link Origins allowed} gets a
 * 403, as MCP's Streamable HTTP transport asks), CORS headers for the configured origins only, and
 * the API's body limit (413): a declared length over it on every path, and on {@code /mcp} a
 * streamed body too (the API's routes refuse a streamed one as they read it).
 */
final class EdgeFilter implements Filter {
  private static final Logger LOG = LoggerFactory.getLogger(EdgeFilter.class);
  private final Origins origins;
  private final long maxBody;

  private EdgeFilter(Origins origins, long maxBody) {
    this.origins = origins;
    this.maxBody = maxBody;
  }

  /** Puts the filter in front of everything {@code handler} serves. */
  static void install(ServletContextHandler handler, BrowserSettings browser, long maxBody) {
    FilterHolder edge =
        new FilterHolder(new EdgeFilter(new Origins(browser.allowedOrigins()), maxBody));
    edge.setAsyncSupported(true);
    handler.addFilter(edge, "/*", EnumSet.of(DispatcherType.REQUEST));
  }

  @Override
  public void doFilter(ServletRequest req, ServletResponse res, FilterChain chain)
      throws IOException, ServletException {
    HttpServletRequest in = (HttpServletRequest) req;
    HttpServletResponse out = (HttpServletResponse) res;
    SecurityHeaders.apply(out, in.getRequestURI());
    String origin = in.getHeader("Origin");
    // The UI's own files are public and change nothing; a browser fetches its modules with an
    // Origin header, so a page opened by a name not yet allowed still loads and can say why its
    // API calls are refused.
    boolean publicFile =
        WebAssets.isUi(in.getRequestURI())
            && (in.getMethod().equals("GET") || in.getMethod().equals("HEAD"));
    if (origin != null && !publicFile && !origins.permit(in, origin)) {
      LOG.warn("refused {} {} from origin {}", in.getMethod(), in.getRequestURI(), origin);
      send(out, forbidden(origin));
      return;
    }
    if (origin != null && origins.listed(origin) && Cors.answer(in, out, origin)) {
      return; // a preflight, answered
    }
    if (in.getContentLengthLong() > maxBody) {
      // refused before any route, on every path, once the client has sent it (see BoundedBody)
      BoundedBody.drain(in);
      refuseTooLarge(in, out);
      return;
    }
    if (in.getRequestURI().equals(StratumMcp.PATH) && in.getMethod().equals("POST")) {
      HttpServletRequest bounded = BoundedBody.read(in, maxBody);
      if (bounded == null) {
        send(out, tooLarge(in.getContentLengthLong()));
        return;
      }
      in = bounded;
    }
    chain.doFilter(in, res);
  }

  private static Problem forbidden(String origin) {
    return new Problem(
        "forbidden-origin",
        "Origin not allowed",
        403,
        "Origin: '%s' may not call this server; it allows its own origin and those in stratum_allowed_origins"
            .formatted(origin),
        Map.of("origin", origin));
  }

  /** 413, in OpenAI's error shape on the gateway's {@code /v1} paths, else as a problem. */
  private void refuseTooLarge(HttpServletRequest in, HttpServletResponse out) throws IOException {
    Problem p = tooLarge(in.getContentLengthLong());
    if (!gatewayPath(in.getRequestURI())) {
      send(out, p);
      return;
    }
    OpenAiError e = OpenAiError.ofStatus(413, p.detail());
    out.setStatus(413);
    out.setContentType("application/json");
    out.getOutputStream().write(HttpApi.write(e.body()).getBytes(StandardCharsets.UTF_8));
  }

  /** Whether {@code path} is one of the gateway's, answered in OpenAI's error shape. */
  static boolean gatewayPath(String path) {
    return path.startsWith("/v1/");
  }

  private Problem tooLarge(long length) {
    return new Problem(
        "content-too-large",
        "Content too large",
        413,
        (length < 0 ? "body: over" : "body: " + length + " bytes, over")
            + " the limit of %d bytes".formatted(maxBody),
        Map.of("limitBytes", maxBody));
  }

  /** Writes {@code p} as the response, for requests refused before any route. */
  static void send(HttpServletResponse out, Problem p) throws IOException {
    p.headers().forEach(out::setHeader);
    out.setStatus(p.status());
    out.setContentType(Problem.CONTENT_TYPE);
    out.getOutputStream().write(HttpApi.write(p.body()).getBytes(StandardCharsets.UTF_8));
  }
}
