package io.stratum.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import io.stratum.app.BuildInfo;
import io.stratum.app.Stratum;
import io.stratum.app.api.OpenAiError;
import io.stratum.app.api.Problem;
import io.stratum.app.config.BrowserSettings;
import io.stratum.app.mcp.StratumMcp;
import jakarta.servlet.DispatcherType;
import java.net.BindException;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentSkipListSet;
import org.eclipse.jetty.ee10.servlet.FilterHolder;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The HTTP API: JSON in, JSON or server-sent events out, every error an RFC 9457 problem. Handlers
 * only parse, call the use cases {@link Stratum} wires, and render; failures become problems in one
 * place ({@link Problem#of}).
 *
 * <pre>{@code
 * try (HttpApi api = HttpApi.start(stratum, "127.0.0.1", 0)) {
 *   System.out.println("http://localhost:" + api.port() + "/healthz");
 * }
 * }</pre>
 */
public final class HttpApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  static final ObjectMapper JSON = new ObjectMapper();

  /** Largest request body read, in bytes (a 4000-character question is at most 16 KB). */
  static final long MAX_BODY_BYTES = 1_000_000;

  private final Javalin app;
  private final StratumMcp.Http mcp;

  private HttpApi(Javalin app, StratumMcp.Http mcp) {
    this.app = app;
    this.mcp = mcp;
  }

  /**
   * Starts serving; port 0 picks a free port.
   *
   * @throws PortInUseException when the port is taken
   */
  public static HttpApi start(Stratum stratum, String host, int port) {
    return start(stratum, host, port, BrowserSettings.OWN_ORIGIN_ONLY);
  }

  /** As {@link #start(Stratum, String, int)}, letting {@code browser}'s origins call it. */
  public static HttpApi start(Stratum stratum, String host, int port, BrowserSettings browser) {
    Routes routes = new Routes(stratum);
    SessionRoutes sessions = new SessionRoutes(stratum);
    WebAssets web = new WebAssets();
    StratumMcp.Http mcp = StratumMcp.http(stratum, BuildInfo.version());
    RateLimiter limiter = new RateLimiter(stratum.limits());
    Javalin app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              cfg.jetty.host = host;
              cfg.jetty.port = port;
              cfg.jetty.modifyServletContextHandler(
                  h -> EdgeFilter.install(h, browser, cfg.http.maxRequestSize));
              cfg.jetty.modifyServletContextHandler(h -> mount(h, mcp, stratum, limiter));
              cfg.routes.before(routes::begin);
              cfg.routes.after(routes::end);
              route(cfg, "GET", "/healthz", routes::health);
              route(cfg, "GET", "/readyz", routes::ready);
              route(cfg, "GET", "/metrics", routes::metrics);
              route(cfg, "GET", "/openapi.json", ApiDocs::spec);
              route(cfg, "GET", "/docs", ApiDocs::page);
              cfg.routes.get("/", web::page);
              cfg.routes.get("/index.html", web::page);
              cfg.routes.get("/assets/{name}", web::asset);
              cfg.routes.before(
                  "/api/*",
                  limiter.around(ctx -> ctx.attribute("principal", sessions.authenticate(ctx))));
              SignOnRoutes signOn = new SignOnRoutes(stratum, sessions);
              route(cfg, "GET", "/auth/options", signOn::options);
              route(cfg, "GET", "/auth/oidc/login", signOn::login);
              route(cfg, "GET", "/auth/oidc/callback", signOn::callback);
              route(cfg, "POST", "/api/session", sessions::open);
              route(cfg, "GET", "/api/session", sessions::show);
              route(cfg, "DELETE", "/api/session", sessions::close);
              route(cfg, "GET", "/api/workspaces", routes::workspaces);
              route(cfg, "GET", "/api/workspaces/{ws}/search", routes::search);
              route(cfg, "POST", "/api/workspaces/{ws}/ask", routes::ask);
              route(cfg, "POST", "/api/conversations", routes::startConversation);
              route(cfg, "GET", "/api/conversations", routes::listConversations);
              route(cfg, "GET", "/api/conversations/{id}", routes::conversation);
              route(cfg, "POST", "/api/conversations/{id}/messages", routes::sendMessage);
              route(cfg, "GET", "/api/documents/{id}", routes::document);
              AdminReadRoutes reads = new AdminReadRoutes(stratum);
              route(cfg, "GET", "/api/workspaces/{ws}", reads::workspace);
              route(cfg, "GET", "/api/tokens", reads::tokens);
              route(cfg, "GET", "/api/models", reads::models);
              route(cfg, "POST", "/api/audit/verify", reads::verifyAudit);
              AdminRoutes admin = new AdminRoutes(stratum);
              route(cfg, "POST", "/api/workspaces", admin::createWorkspace);
              route(cfg, "PUT", "/api/workspaces/{ws}/members/{principal}", admin::grant);
              route(cfg, "DELETE", "/api/workspaces/{ws}/members/{principal}", admin::removeMember);
              route(cfg, "PUT", "/api/workspaces/{ws}/budget", admin::setBudget);
              route(cfg, "PUT", "/api/workspaces/{ws}/prompt", admin::setPrompt);
              route(cfg, "PUT", "/api/workspaces/{ws}/tiers", admin::setTiers);
              route(cfg, "GET", "/api/workspaces/{ws}/sources", admin::sources);
              route(cfg, "GET", "/api/audit", admin::audit);
              SyncRoutes sync = new SyncRoutes(stratum);
              route(cfg, "GET", "/api/sources", sync::sources);
              route(cfg, "POST", "/api/sources/{source}/sync", sync::sync);
              route(cfg, "GET", "/api/jobs/{id}", sync::job);
              route(cfg, "DELETE", "/api/workspaces/{ws}", admin::deleteWorkspace);
              route(cfg, "GET", "/api/workspaces/{ws}/spend", admin::spend);
              route(cfg, "POST", "/api/principals", admin::createPrincipal);
              route(cfg, "POST", "/api/tokens", admin::issueToken);
              route(cfg, "DELETE", "/api/tokens/{id}", admin::revokeToken);
              GatewayRoutes gateway = new GatewayRoutes(stratum);
              cfg.routes.before("/v1/*", limiter.around(gateway::authenticate));
              route(cfg, "GET", "/v1/models", gateway::models);
              route(cfg, "POST", "/v1/chat/completions", gateway::chat);
              route(cfg, "POST", "/v1/responses", gateway::responses);
              cfg.routes.exception(Exception.class, HttpApi::problem);
              errorsAsProblems(cfg);
            });
    try {
      app.start();
    } catch (RuntimeException e) {
      if (causedByBind(e)) {
        app.stop();
        mcp.close();
        throw new PortInUseException(port);
      }
      throw e;
    }
    return new HttpApi(app, mcp);
  }

  /**
   * MCP's Streamable HTTP servlet at {@code /mcp}, behind its bearer-token filter (rate limited);
   * both async, since the transport answers from other threads.
   */
  private static void mount(
      ServletContextHandler handler, StratumMcp.Http mcp, Stratum stratum, RateLimiter limiter) {
    ServletHolder servlet = new ServletHolder(mcp.servlet());
    servlet.setAsyncSupported(true);
    handler.addServlet(servlet, StratumMcp.PATH);
    FilterHolder auth = new FilterHolder(limiter.around(new McpAuthFilter(stratum)));
    auth.setAsyncSupported(true);
    handler.addFilter(auth, StratumMcp.PATH, EnumSet.of(DispatcherType.REQUEST));
  }

  /**
   * Every route this API serves, as {@code METHOD /path}; the OpenAPI test holds the spec to it.
   */
  static final Set<String> ROUTES = new ConcurrentSkipListSet<>();

  private static void route(JavalinConfig cfg, String method, String path, Handler handler) {
    ROUTES.add(method + " " + path);
    switch (method) {
      case "GET" -> cfg.routes.get(path, handler);
      case "POST" -> cfg.routes.post(path, handler);
      case "PUT" -> cfg.routes.put(path, handler);
      case "DELETE" -> cfg.routes.delete(path, handler);
      default -> throw new IllegalArgumentException("method " + method);
    }
  }

  public int port() {
    return app.port();
  }

  @Override
  public void close() {
    mcp.close();
    app.stop();
  }

  private static boolean causedByBind(Throwable e) {
    for (Throwable t = e; t != null; t = t.getCause()) {
      if (t instanceof BindException || t.getClass().getSimpleName().contains("Bind")) {
        return true;
      }
    }
    return false;
  }

  /**
   * Every status at or above 400 is a problem: an unknown route (404), a wrong method (405, with
   * {@code Allow}), a body over the size limit (413), and what Jetty refuses before any route runs.
   */
  private static void errorsAsProblems(JavalinConfig cfg) {
    cfg.http.prefer405over404 = true;
    cfg.http.maxRequestSize = MAX_BODY_BYTES;
    cfg.routes.exception(HttpResponseException.class, HttpApi::httpProblem);
    cfg.jetty.modifyServer(server -> server.setErrorHandler(new JettyProblems.ServerErrors()));
    cfg.jetty.modifyServletContextHandler(
        h -> h.setErrorHandler(new JettyProblems.ContextErrors()));
  }

  /** Javalin's own refusals, in its words where they name what was wrong. */
  private static void httpProblem(HttpResponseException e, Context ctx) {
    String detail =
        switch (e.getStatus()) {
          case 404 ->
              "path: no route for " + ctx.method() + " " + ctx.path() + "; see /openapi.json";
          case 405 -> {
            Map<String, String> d = e.getDetails();
            String allowed =
                d.getOrDefault("availableMethods", d.getOrDefault("Available methods", ""));
            ctx.header("Allow", allowed);
            yield "method: "
                + ctx.method()
                + " is not allowed on "
                + ctx.path()
                + "; allowed: "
                + allowed;
          }
          case 413 -> "body: larger than the " + MAX_BODY_BYTES + " bytes accepted";
          default -> JettyProblems.part(e.getStatus()) + ": " + e.getMessage();
        };
    if (openAi(ctx)) {
      render(ctx, OpenAiError.ofStatus(e.getStatus(), detail));
      return;
    }
    render(ctx, Problem.ofStatus(e.getStatus(), detail));
  }

  /** The OpenAI-compatible gateway answers in OpenAI's error shape, not as problems. */
  private static boolean openAi(Context ctx) {
    return EdgeFilter.gatewayPath(ctx.path());
  }

  /** The one place a failure becomes an HTTP response. */
  private static void problem(Exception e, Context ctx) {
    if (openAi(ctx)) {
      OpenAiError o = OpenAiError.of(e);
      if (o.internal()) {
        LOG.error("request {} {} failed: {}", ctx.method(), ctx.path(), o.message(), e);
      }
      render(ctx, o);
      return;
    }
    Problem p = Problem.of(e);
    if (p.internal()) {
      LOG.error(
          "request {} {} failed (error id {})",
          ctx.method(),
          ctx.path(),
          p.extra().get("errorId"),
          e);
    }
    SseStream stream = ctx.attribute("sse");
    if (stream != null && stream.started()) {
      stream.send("error", p.body());
      return;
    }
    render(ctx, p);
  }

  private static void render(Context ctx, Problem p) {
    p.headers().forEach(ctx::header);
    ctx.status(p.status());
    ctx.contentType(Problem.CONTENT_TYPE);
    // bytes: Jetty would encode a string for this type as ISO-8859-1, turning "…" into "?"
    ctx.result(write(p.body()).getBytes(StandardCharsets.UTF_8));
  }

  private static void render(Context ctx, OpenAiError e) {
    e.headers().forEach(ctx::header);
    ctx.status(e.status());
    ctx.contentType("application/json");
    ctx.result(write(e.body()).getBytes(StandardCharsets.UTF_8));
  }

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }
}
