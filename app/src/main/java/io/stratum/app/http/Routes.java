package io.stratum.app.http;

import io.javalin.http.Context;
import io.javalin.router.Endpoint;
import io.stratum.access.Principal;
import io.stratum.answer.Answer;
import io.stratum.answer.AnswerEvent;
import io.stratum.app.Metrics;
import io.stratum.app.Stratum;
import io.stratum.app.api.BearerAuth;
import io.stratum.app.api.NotFoundException;
import io.stratum.app.api.NotReadyException;
import io.stratum.app.api.Views;
import io.stratum.app.usecase.Answering;
import io.stratum.app.usecase.Documents;
import io.stratum.app.usecase.Search;
import io.stratum.retrieval.Retrieval;
import io.stratum.store.ConversationStore;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.MDC;

/**
 * The route handlers of the API's own endpoints: parse the request, call one use case, render its
 * result. Failures are thrown to {@link HttpApi}, which maps them once.
 */
record Routes(Stratum stratum) {
  /** The principal {@link SessionRoutes#authenticate} found for this request. */
  static Principal principal(Context ctx) {
    Principal p = ctx.attribute("principal");
    if (p == null) {
      throw new IllegalStateException("no principal: the route is outside /api/*");
    }
    return p;
  }

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
    Endpoint matched = ctx.endpoints().lastHttpEndpoint();
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

  /** Not ready is an error like any other: a 503 problem, with the same store and index flags. */
  void ready(Context ctx) {
    if (!stratum.ready()) {
      throw new NotReadyException();
    }
    json(ctx, Map.of("status", "ready", "store", true, "index", true));
  }

  /** Org admins only (a Prometheus scrape job sends their token as its bearer credential). */
  void metrics(Context ctx) {
    Principal who =
        BearerAuth.principal(stratum.signIn(), ctx.header("Authorization"), "metrics: ");
    String text = stratum.monitoring().scrape(who);
    ctx.contentType(Metrics.CONTENT_TYPE);
    ctx.result(text);
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
            stratum.administration().workspaces(principal(ctx)).stream()
                .map(w -> Map.of("id", w.id(), "name", w.name(), "global", w.global()))
                .toList()));
  }

  void search(Context ctx) {
    String ws = ctx.pathParam("ws");
    QueryParams query = QueryParams.of(ctx);
    int limit = query.count("k", 10, Search.MAX_RESULTS);
    String kind = query.text("kind");
    List<String> kinds =
        kind == null || kind.isBlank() ? List.of() : List.of(kind.strip().split("\\s*,\\s*"));
    Retrieval r =
        stratum.search().search(principal(ctx), List.of(ws), query.text("q"), limit, kinds);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("workspace", ws);
    body.put("query", r.question());
    body.put("tookMs", r.micros() / 1000.0);
    body.put("results", r.passages().stream().map(p -> Views.passage(p, true)).toList());
    json(ctx, body);
  }

  void ask(Context ctx) {
    String ws = ctx.pathParam("ws");
    String question = field(ctx, "question");
    stream(
        ctx,
        listener -> {
          Answering.Turn turn = stratum.answering().ask(principal(ctx), ws, question, listener);
          return new Answered(turn.answer(), Views.done(turn));
        });
  }

  void startConversation(Context ctx) {
    RequestBody b = RequestBody.parse(ctx, "{\"workspaces\": [\"security\"], \"title\": \"...\"}");
    List<String> workspaces = b.texts("workspaces");
    String id = stratum.conversations().start(principal(ctx), workspaces, b.text("title", ""));
    ctx.status(201);
    json(ctx, Map.of("id", id, "workspaces", workspaces));
  }

  void listConversations(Context ctx) {
    QueryParams query = QueryParams.of(ctx);
    int n = query.count("limit", 20, Search.MAX_RESULTS);
    List<ConversationStore.ConversationHeader> page =
        stratum.conversations().list(principal(ctx), query.text("cursor"), n);
    Map<String, Object> body = new LinkedHashMap<>();
    body.put(
        "conversations",
        page.stream()
            .map(
                h ->
                    Map.of("id", h.id(), "title", h.title(), "createdAt", h.createdAt().toString()))
            .toList());
    body.put("nextCursor", page.size() == n ? page.get(page.size() - 1).id() : null);
    json(ctx, body);
  }

  void sendMessage(Context ctx) {
    String id = ctx.pathParam("id");
    String content = field(ctx, "content");
    stream(
        ctx,
        listener -> {
          Answering.Turn turn =
              stratum
                  .answering()
                  .send(principal(ctx), id, content, listener)
                  .orElseThrow(
                      () -> new NotFoundException("conversation '" + id + "' does not exist"));
          Map<String, Object> done = new LinkedHashMap<>(Views.done(turn));
          done.put("query", turn.query());
          return new Answered(turn.answer(), done);
        });
  }

  /** An answer and the fields of its {@code done} event. */
  private record Answered(Answer answer, Map<String, Object> done) {}

  /**
   * Runs {@code answer}, streaming its events as SSE, and ends with its {@code done} event; or, for
   * a client that accepts {@code application/json} but not {@code text/event-stream}, answers with
   * one JSON object: the {@code done} fields, the text, the cited and the given passages.
   */
  private static void stream(Context ctx, Function<Consumer<AnswerEvent>, Answered> answer) {
    String accept = String.valueOf(ctx.header("Accept")).toLowerCase(Locale.ROOT);
    if (accept.contains("application/json") && !accept.contains("text/event-stream")) {
      Answered a = answer.apply(event -> {});
      Map<String, Object> body = new LinkedHashMap<>(a.done());
      body.putAll(Views.answered(a.answer()));
      json(ctx, body);
      return;
    }
    SseStream sse = new SseStream(ctx, HttpApi.JSON);
    ctx.attribute("sse", sse);
    Answered done =
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
    sse.send("done", done.done());
  }

  void conversation(Context ctx) {
    String id = ctx.pathParam("id");
    json(
        ctx,
        Views.conversation(
            stratum
                .conversations()
                .find(principal(ctx), id)
                .orElseThrow(
                    () -> new NotFoundException("conversation '" + id + "' does not exist"))));
  }

  void document(Context ctx) {
    String id = ctx.pathParam("id");
    Documents.DocumentView d =
        stratum
            .documents()
            .document(principal(ctx), id)
            .orElseThrow(() -> new NotFoundException("document '" + id + "' does not exist"));
    json(ctx, Views.document(d));
  }

  static String field(Context ctx, String name) {
    return RequestBody.parse(ctx, "{\"" + name + "\": \"...\"}").text(name);
  }

  static void json(Context ctx, Object body) {
    ctx.contentType("application/json");
    ctx.result(HttpApi.write(body));
  }
}
