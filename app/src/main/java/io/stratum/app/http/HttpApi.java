package io.stratum.app.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.stratum.access.AccessDeniedException;
import io.stratum.access.Principal;
import io.stratum.access.TokenRejectedException;
import io.stratum.answer.AnswerEvent;
import io.stratum.app.InvalidInputException;
import io.stratum.app.Stratum;
import io.stratum.app.UnknownWorkspaceException;
import io.stratum.budget.BudgetExceededException;
import io.stratum.retrieval.Retrieval;
import java.net.BindException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The HTTP API: JSON in, JSON or server-sent events out, every error an RFC 9457 problem. Handlers
 * only parse, call {@link Stratum}, and render; errors are mapped to problems here and nowhere
 * else.
 *
 * <pre>{@code
 * try (HttpApi api = HttpApi.start(stratum, "127.0.0.1", 0)) {
 *   System.out.println("http://localhost:" + api.port() + "/healthz");
 * }
 * }</pre>
 */
public final class HttpApi implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(HttpApi.class);
  private static final ObjectMapper JSON = new ObjectMapper();

  private final Javalin app;
  private final io.stratum.app.mcp.StratumMcp.Http mcp;

  private HttpApi(Javalin app, io.stratum.app.mcp.StratumMcp.Http mcp) {
    this.app = app;
    this.mcp = mcp;
  }

  /**
   * Starts serving; port 0 picks a free port.
   *
   * @throws PortInUseException when the port is taken
   */
  public static HttpApi start(Stratum stratum, String host, int port) {
    Routes routes = new Routes(stratum);
    io.stratum.app.mcp.StratumMcp.Http mcp =
        io.stratum.app.mcp.StratumMcp.http(stratum, io.stratum.app.BuildInfo.version());
    Javalin app =
        Javalin.create(
            cfg -> {
              cfg.startup.showJavalinBanner = false;
              cfg.startup.showOldJavalinVersionWarning = false;
              cfg.jetty.host = host;
              cfg.jetty.port = port;
              cfg.jetty.modifyServletContextHandler(handler -> mount(handler, mcp, stratum));
              cfg.routes.before(routes::begin);
              cfg.routes.after(routes::end);
              route(cfg, "GET", "/healthz", routes::health);
              route(cfg, "GET", "/readyz", routes::ready);
              route(cfg, "GET", "/metrics", routes::metrics);
              route(cfg, "GET", "/openapi.json", ApiDocs::spec);
              route(cfg, "GET", "/docs", ApiDocs::page);
              cfg.routes.before("/api/*", routes::authenticate);
              route(cfg, "GET", "/api/workspaces", routes::workspaces);
              route(cfg, "GET", "/api/workspaces/{ws}/search", routes::search);
              route(cfg, "POST", "/api/workspaces/{ws}/ask", routes::ask);
              route(cfg, "POST", "/api/conversations", routes::startConversation);
              route(cfg, "GET", "/api/conversations", routes::listConversations);
              route(cfg, "GET", "/api/conversations/{id}", routes::conversation);
              route(cfg, "POST", "/api/conversations/{id}/messages", routes::sendMessage);
              route(cfg, "GET", "/api/documents/{id}", routes::document);
              AdminRoutes admin = new AdminRoutes(stratum);
              route(cfg, "POST", "/api/workspaces", admin::createWorkspace);
              route(cfg, "PUT", "/api/workspaces/{ws}/members/{principal}", admin::grant);
              route(cfg, "DELETE", "/api/workspaces/{ws}/members/{principal}", admin::removeMember);
              route(cfg, "PUT", "/api/workspaces/{ws}/budget", admin::setBudget);
              route(cfg, "PUT", "/api/workspaces/{ws}/prompt", admin::setPrompt);
              route(cfg, "PUT", "/api/workspaces/{ws}/tiers", admin::setTiers);
              route(cfg, "GET", "/api/workspaces/{ws}/sources", admin::sources);
              route(cfg, "GET", "/api/audit", admin::audit);
              route(cfg, "DELETE", "/api/workspaces/{ws}", admin::deleteWorkspace);
              route(cfg, "GET", "/api/workspaces/{ws}/spend", admin::spend);
              route(cfg, "POST", "/api/principals", admin::createPrincipal);
              route(cfg, "POST", "/api/tokens", admin::issueToken);
              route(cfg, "DELETE", "/api/tokens/{id}", admin::revokeToken);
              cfg.routes.exception(Exception.class, HttpApi::problem);
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
   * MCP's Streamable HTTP servlet at {@code /mcp}, behind its bearer-token filter; both async,
   * since the transport answers from other threads.
   */
  private static void mount(
      org.eclipse.jetty.ee10.servlet.ServletContextHandler handler,
      io.stratum.app.mcp.StratumMcp.Http mcp,
      Stratum stratum) {
    org.eclipse.jetty.ee10.servlet.ServletHolder servlet =
        new org.eclipse.jetty.ee10.servlet.ServletHolder(mcp.servlet());
    servlet.setAsyncSupported(true);
    handler.addServlet(servlet, io.stratum.app.mcp.StratumMcp.PATH);
    org.eclipse.jetty.ee10.servlet.FilterHolder auth =
        new org.eclipse.jetty.ee10.servlet.FilterHolder(new McpAuthFilter(stratum));
    auth.setAsyncSupported(true);
    handler.addFilter(
        auth,
        io.stratum.app.mcp.StratumMcp.PATH,
        java.util.EnumSet.of(jakarta.servlet.DispatcherType.REQUEST));
  }

  /**
   * Every route this API serves, as {@code METHOD /path}; the OpenAPI test holds the spec to it.
   */
  static final java.util.Set<String> ROUTES = new java.util.concurrent.ConcurrentSkipListSet<>();

  private static void route(
      io.javalin.config.JavalinConfig cfg,
      String method,
      String path,
      io.javalin.http.Handler handler) {
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

  /** The one place a failure becomes an HTTP response. */
  private static void problem(Exception e, Context ctx) {
    Problem p =
        switch (e) {
          case UnknownWorkspaceException u ->
              new Problem(
                  "unknown-workspace",
                  "Unknown workspace",
                  404,
                  u.getMessage(),
                  Map.of("workspace", u.workspace()));
          case InvalidInputException i ->
              new Problem(
                  "invalid-input",
                  "Invalid input",
                  400,
                  i.getMessage(),
                  Map.of("field", i.field()));
          case NotFoundException n ->
              new Problem("not-found", "Not found", 404, n.getMessage(), Map.of());
          case TokenRejectedException t -> {
            ctx.header("WWW-Authenticate", "Bearer");
            yield new Problem("unauthenticated", "Unauthenticated", 401, t.getMessage(), Map.of());
          }
          case AccessDeniedException a ->
              new Problem(
                  "forbidden",
                  "Forbidden",
                  403,
                  a.getMessage(),
                  a.workspace().isEmpty() ? Map.of() : Map.of("workspace", a.workspace()));
          case BudgetExceededException b -> {
            ctx.header(
                "Retry-After",
                String.valueOf(
                    Math.max(
                        1,
                        java.time.Duration.between(
                                java.time.Instant.now(),
                                b.resets().atStartOfDay(java.time.ZoneOffset.UTC).toInstant())
                            .toSeconds())));
            yield new Problem(
                "budget-exceeded",
                "Budget exceeded",
                429,
                b.getMessage(),
                Map.of(
                    "workspace",
                    b.workspace(),
                    "capUsd",
                    b.cap(),
                    "spentUsd",
                    b.spent(),
                    "resetsOn",
                    b.resets().toString()));
          }
          case IllegalArgumentException i ->
              new Problem("invalid-input", "Invalid input", 400, i.getMessage(), Map.of());
          default -> {
            String id = UUID.randomUUID().toString();
            LOG.error("request {} {} failed (error id {})", ctx.method(), ctx.path(), id, e);
            yield new Problem(
                "internal",
                "Internal error",
                500,
                "the server failed; the server log has the details under error id " + id,
                Map.of("errorId", id));
          }
        };
    SseStream stream = ctx.attribute("sse");
    if (stream != null && stream.started()) {
      stream.send("error", p.body());
      return;
    }
    ctx.status(p.status());
    ctx.contentType(Problem.CONTENT_TYPE);
    ctx.result(write(p.body()));
  }

  static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("cannot render JSON", e);
    }
  }

  /** The principal {@link Routes#authenticate} found for this request. */
  static Principal principal(Context ctx) {
    Principal p = ctx.attribute("principal");
    if (p == null) {
      throw new IllegalStateException("no principal: the route is outside /api/*");
    }
    return p;
  }

  /** The route handlers. */
  record Routes(Stratum stratum) {
    /**
     * Gives each request an id (the caller's {@code X-Request-Id} when it is a plain token, else a
     * new one), echoed in the response and put in the log context as {@code requestId}.
     */
    void begin(Context ctx) {
      String given = ctx.header("X-Request-Id");
      String id =
          given != null && given.matches("[A-Za-z0-9._-]{1,64}")
              ? given
              : UUID.randomUUID().toString();
      ctx.attribute("requestId", id);
      ctx.attribute("started", System.nanoTime());
      ctx.header("X-Request-Id", id);
      MDC.put("requestId", id);
      MDC.put("clientIp", ctx.ip());
    }

    void end(Context ctx) {
      Long started = ctx.attribute("started");
      io.javalin.router.Endpoint matched = ctx.endpoints().lastHttpEndpoint();
      String route = matched == null ? "unmatched" : matched.path;
      stratum
          .metrics()
          .request(
              ctx.method().name(),
              route,
              ctx.statusCode(),
              started == null ? 0 : (System.nanoTime() - started) / 1e9);
      MDC.remove("requestId");
      MDC.remove("clientIp");
    }

    void ready(Context ctx) {
      boolean ok = stratum.ready();
      ctx.status(ok ? 200 : 503);
      json(ctx, Map.of("status", ok ? "ready" : "not ready", "store", ok, "index", ok));
    }

    void metrics(Context ctx) {
      ctx.contentType(io.stratum.app.Metrics.CONTENT_TYPE);
      ctx.result(stratum.metrics().scrape());
    }

    /** Every /api route needs {@code Authorization: Bearer stt_...}. */
    void authenticate(Context ctx) {
      ctx.attribute("principal", BearerAuth.principal(stratum, ctx.header("Authorization"), ""));
    }

    void health(Context ctx) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("status", "ok");
      body.put("documents", stratum.documentCount());
      body.put("chunks", stratum.chunkCount());
      json(ctx, body);
    }

    void workspaces(Context ctx) {
      json(
          ctx,
          Map.of(
              "workspaces",
              stratum.workspaces(principal(ctx)).stream()
                  .map(
                      w ->
                          Map.of(
                              "id",
                              w.id(),
                              "name",
                              w.name(),
                              "global",
                              stratum.accounts().isGlobal(w.id())))
                  .toList()));
    }

    void search(Context ctx) {
      String ws = ctx.pathParam("ws");
      String k = ctx.queryParam("k");
      int limit = 10;
      if (k != null) {
        try {
          limit = Integer.parseInt(k);
        } catch (NumberFormatException e) {
          throw new InvalidInputException(
              "k", "expected a number from 1 to " + Stratum.MAX_RESULTS + ", got '" + k + "'");
        }
      }
      String kind = ctx.queryParam("kind");
      List<String> kinds =
          kind == null || kind.isBlank() ? List.of() : List.of(kind.strip().split("\\s*,\\s*"));
      Retrieval r = stratum.search(principal(ctx), ws, ctx.queryParam("q"), limit, kinds);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("workspace", ws);
      body.put("query", r.question());
      body.put("tookMs", r.micros() / 1000.0);
      body.put("results", r.passages().stream().map(p -> Views.passage(p, true)).toList());
      json(ctx, body);
    }

    void ask(Context ctx) {
      String ws = ctx.pathParam("ws");
      String question = field(ctx.body(), "question");
      stream(
          ctx,
          listener -> {
            Stratum.Asked asked = stratum.ask(principal(ctx), ws, question, listener);
            return Views.done(asked.conversationId(), asked.answer());
          });
    }

    void startConversation(Context ctx) {
      RequestBody b =
          RequestBody.parse(ctx.body(), "{\"workspaces\": [\"security\"], \"title\": \"...\"}");
      List<String> workspaces = b.texts("workspaces");
      String id = stratum.startConversation(principal(ctx), workspaces, b.text("title", ""));
      ctx.status(201);
      json(ctx, Map.of("id", id, "workspaces", workspaces));
    }

    void listConversations(Context ctx) {
      String limit = ctx.queryParam("limit");
      int n;
      try {
        n = limit == null ? 20 : Integer.parseInt(limit);
      } catch (NumberFormatException e) {
        throw new InvalidInputException(
            "limit", "expected a number from 1 to 50, got '" + limit + "'");
      }
      List<io.stratum.store.ConversationStore.ConversationHeader> page =
          stratum.conversations(principal(ctx), ctx.queryParam("cursor"), n);
      Map<String, Object> body = new LinkedHashMap<>();
      body.put(
          "conversations",
          page.stream()
              .map(
                  h ->
                      Map.of(
                          "id", h.id(), "title", h.title(), "createdAt", h.createdAt().toString()))
              .toList());
      body.put("nextCursor", page.size() == n ? page.get(page.size() - 1).id() : null);
      json(ctx, body);
    }

    void sendMessage(Context ctx) {
      String id = ctx.pathParam("id");
      String content = field(ctx.body(), "content");
      stream(
          ctx,
          listener -> {
            io.stratum.app.Chat.Turn turn =
                stratum
                    .send(principal(ctx), id, content, listener)
                    .orElseThrow(
                        () -> new NotFoundException("conversation '" + id + "' does not exist"));
            Map<String, Object> done = new LinkedHashMap<>(Views.done(id, turn.answer()));
            done.put("query", turn.query());
            return done;
          });
    }

    /** Runs {@code answer}, streaming its events as SSE, and ends with its {@code done} event. */
    private static void stream(
        Context ctx,
        java.util.function.Function<java.util.function.Consumer<AnswerEvent>, Object> answer) {
      SseStream sse = new SseStream(ctx, JSON);
      ctx.attribute("sse", sse);
      Object done =
          answer.apply(
              event -> {
                switch (event) {
                  case AnswerEvent.Passages p ->
                      p.passages().forEach(x -> sse.send("passage", Views.passage(x, false)));
                  case AnswerEvent.Delta d -> sse.send("delta", Map.of("text", d.text()));
                  case AnswerEvent.KeepAlive k -> sse.comment("keepalive");
                  case AnswerEvent.Cited c -> sse.send("citation", Views.citation(c.passage()));
                  case AnswerEvent.Done d -> {
                    // sent below, once the conversation id is known
                  }
                }
              });
      sse.send("done", done);
    }

    void conversation(Context ctx) {
      String id = ctx.pathParam("id");
      json(
          ctx,
          Views.conversation(
              stratum
                  .conversation(principal(ctx), id)
                  .orElseThrow(
                      () -> new NotFoundException("conversation '" + id + "' does not exist"))));
    }

    void document(Context ctx) {
      String id = ctx.pathParam("id");
      Stratum.DocumentView d =
          stratum
              .document(principal(ctx), id)
              .orElseThrow(() -> new NotFoundException("document '" + id + "' does not exist"));
      json(ctx, Views.document(d));
    }

    static String field(String body, String name) {
      return RequestBody.parse(body, "{\"" + name + "\": \"...\"}").text(name);
    }

    static void json(Context ctx, Object body) {
      ctx.contentType("application/json");
      ctx.result(write(body));
    }
  }

  /** Nothing at that id. */
  static final class NotFoundException extends RuntimeException {
    NotFoundException(String message) {
      super(message);
    }
  }
}
