package io.stratum.app.mcp;

import io.modelcontextprotocol.server.McpServerFeatures.SyncResourceTemplateSpecification;
import io.modelcontextprotocol.server.McpServerFeatures.SyncToolSpecification;
import io.modelcontextprotocol.server.McpSyncServerExchange;
import io.modelcontextprotocol.spec.McpSchema;
import io.modelcontextprotocol.spec.McpSchema.CallToolRequest;
import io.stratum.access.Principal;
import io.stratum.answer.AnswerEvent;
import io.stratum.app.Stratum;
import io.stratum.app.api.NotFoundException;
import io.stratum.app.api.Views;
import io.stratum.app.usecase.Administration;
import io.stratum.app.usecase.Answering;
import io.stratum.app.usecase.Conversations;
import io.stratum.app.usecase.Documents;
import io.stratum.retrieval.Retrieval;
import io.stratum.store.DocumentStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stratum's primitives as MCP tools: {@code search}, {@code ask}, {@code get_document}, {@code
 * list_workspaces} and {@code list_sources}, plus documents as {@code stratum://doc/{id}}
 * resources. Each calls the same use cases as the HTTP API, so the same access policy, budgets and
 * audit apply; {@link ToolCalls} maps their failures to tool errors once.
 */
final class McpTools {
  static final String DOC_URI = "stratum://doc/";
  private final Stratum stratum;
  private final ToolCalls calls;

  McpTools(Stratum stratum, ToolCalls calls) {
    this.stratum = stratum;
    this.calls = calls;
  }

  List<SyncToolSpecification> tools() {
    return List.of(
        tool(
            "search",
            "Search the organization's corpus (hybrid lexical + vector) in workspaces the caller may"
                + " read. Returns ranked passages with their text and document ids.",
            Schemas.SEARCH_IN,
            Schemas.SEARCH_OUT,
            this::search),
        tool(
            "ask",
            "Answer a question from the corpus with citations, using the model the workspace is"
                + " cleared for. Pass the conversationId it returns to ask a follow-up in the same"
                + " conversation. Counts against the workspace budget. Sends progress while it"
                + " works.",
            Schemas.ASK_IN,
            Schemas.ASK_OUT,
            this::ask),
        tool(
            "get_document",
            "Fetch one document's text and metadata by id (as returned by search or ask).",
            Schemas.DOCUMENT_IN,
            Schemas.DOCUMENT_OUT,
            this::document),
        tool(
            "list_workspaces",
            "List the workspaces the caller can read, with the caller's role in each.",
            Schemas.NONE_IN,
            Schemas.WORKSPACES_OUT,
            this::workspaces),
        tool(
            "list_sources",
            "List where a workspace's documents came from: each source, its kind, document count and"
                + " last ingest. Without a workspace, every readable workspace's sources.",
            Schemas.SOURCES_IN,
            Schemas.SOURCES_OUT,
            this::sources));
  }

  List<SyncResourceTemplateSpecification> resources() {
    return List.of(
        new SyncResourceTemplateSpecification(
            McpSchema.ResourceTemplate.builder()
                .uriTemplate(DOC_URI + "{id}")
                .name("document")
                .title("Stratum document")
                .description(
                    "A document's text, by its id percent-encoded (a document id holds ':' and"
                        + " '/'); only for readers of its workspace.")
                .mimeType("text/plain")
                .build(),
            (ex, req) -> calls.resource(ex, req)));
  }

  private SyncToolSpecification tool(
      String name, String description, String in, String out, ToolCalls.Body body) {
    return SyncToolSpecification.builder()
        .tool(
            McpSchema.Tool.builder()
                .name(name)
                .description(description)
                .inputSchema(Schemas.map(in))
                .outputSchema(Schemas.map(out))
                .annotations(
                    new McpSchema.ToolAnnotations(
                        null, !name.equals("ask"), false, true, false, null))
                .build())
        .callHandler(
            (McpSyncServerExchange ex, CallToolRequest req) -> calls.run(name, ex, req, body))
        .build();
  }

  private ToolCalls.Outcome search(Principal who, Args a, McpSyncServerExchange ex, Object token) {
    List<String> workspaces = a.workspacesOr(readable(who));
    Retrieval r =
        stratum
            .search()
            .search(who, workspaces, a.text("query"), a.integer("k", 8), a.strings("kinds"));
    Map<String, Object> out = new LinkedHashMap<>();
    out.put("query", r.question());
    out.put("workspaces", workspaces);
    out.put("results", r.passages().stream().map(p -> Views.passage(p, true)).toList());
    return new ToolCalls.Outcome(out, workspaces, Map.of("results", r.passages().size()));
  }

  private ToolCalls.Outcome ask(Principal who, Args a, McpSyncServerExchange ex, Object token) {
    Progress progress = new Progress(ex, token);
    String conversation =
        a.has("conversationId")
            ? a.text("conversationId")
            : stratum
                .conversations()
                .start(
                    who,
                    a.workspacesOr(readable(who)),
                    Conversations.titleFrom("MCP: " + a.text("question")));
    Answering.Turn turn =
        stratum
            .answering()
            .send(who, conversation, a.text("question"), progress::on)
            .orElseThrow(
                () ->
                    new NotFoundException(
                        "no conversation '" + conversation + "' of yours to continue"));
    Map<String, Object> out = new LinkedHashMap<>(Views.done(conversation, turn.answer()));
    out.put("answer", turn.answer().text());
    out.put("workspace", turn.workspace());
    out.put("citations", turn.answer().citations().stream().map(Views::citation).toList());
    return new ToolCalls.Outcome(
        out,
        List.of(turn.workspace()),
        Map.of("conversationId", conversation, "refused", turn.answer().refused()));
  }

  private ToolCalls.Outcome document(Principal who, Args a, McpSyncServerExchange ex, Object t) {
    String id = a.text("id");
    Documents.DocumentView d =
        stratum
            .documents()
            .document(who, id)
            .orElseThrow(() -> new NotFoundException("no document with id '" + id + "'"));
    return new ToolCalls.Outcome(
        Views.document(d), List.of(d.document().workspace()), Map.of("document", id));
  }

  private ToolCalls.Outcome workspaces(Principal who, Args a, McpSyncServerExchange ex, Object t) {
    List<Map<String, Object>> rows = new ArrayList<>();
    for (Administration.WorkspaceView w : stratum.administration().workspaces(who)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("id", w.id());
      m.put("name", w.name());
      m.put(
          "role",
          who.orgAdmin()
              ? "org_admin"
              : Optional.ofNullable(who.roles().get(w.id())).map(r -> r.id()).orElse("viewer"));
      rows.add(m);
    }
    return new ToolCalls.Outcome(
        Map.of("workspaces", rows), List.of(), Map.of("workspaces", rows.size()));
  }

  private ToolCalls.Outcome sources(Principal who, Args a, McpSyncServerExchange ex, Object t) {
    List<String> workspaces = a.has("workspace") ? List.of(a.text("workspace")) : readable(who);
    List<Map<String, Object>> rows = new ArrayList<>();
    for (String ws : workspaces) {
      for (DocumentStore.SourceSummary s : stratum.documents().sources(who, ws)) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("workspace", ws);
        m.put("source", s.source());
        m.put("kind", s.kind());
        m.put("documents", s.documents());
        m.put("lastIngested", s.lastIngested() == null ? null : s.lastIngested().toString());
        rows.add(m);
      }
    }
    return new ToolCalls.Outcome(
        Map.of("sources", rows), workspaces, Map.of("sources", rows.size()));
  }

  private List<String> readable(Principal who) {
    return stratum.administration().workspaces(who).stream()
        .map(Administration.WorkspaceView::id)
        .toList();
  }

  /**
   * Turns answer events into MCP progress notifications, when the caller asked for them: one when
   * passages are found, then as text arrives, and one per keep-alive while a model reasons
   * silently, so a proxy between agent and server sees traffic.
   */
  private static final class Progress {
    private final McpSyncServerExchange exchange;
    private final Object token;
    private final AtomicInteger step = new AtomicInteger();
    private int chars;

    Progress(McpSyncServerExchange exchange, Object token) {
      this.exchange = exchange;
      this.token = token;
    }

    void on(AnswerEvent e) {
      if (token == null) {
        return;
      }
      switch (e) {
        case AnswerEvent.Passages p -> send("retrieved " + p.passages().size() + " passages");
        case AnswerEvent.Delta d -> {
          chars += d.text().length();
          if (step.get() < 2 || chars % 400 < d.text().length()) {
            send("writing the answer (" + chars + " characters)");
          }
        }
        case AnswerEvent.KeepAlive k ->
            send("the model is reasoning (" + k.silentFor().toSeconds() + " s so far)");
        case AnswerEvent.Cited c -> {}
        case AnswerEvent.Done d -> send("done");
      }
    }

    private void send(String message) {
      exchange.progressNotification(
          new McpSchema.ProgressNotification(token, step.incrementAndGet(), null, message));
    }
  }
}
