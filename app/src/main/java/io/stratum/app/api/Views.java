package io.stratum.app.api;

import io.stratum.answer.Answer;
import io.stratum.app.usecase.Answering;
import io.stratum.app.usecase.Documents;
import io.stratum.dispatch.Usage;
import io.stratum.retrieval.Passage;
import io.stratum.store.Conversation;
import io.stratum.store.Message;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * JSON shapes of the API, in one place so the wire format is easy to review; MCP tools return the
 * same shapes.
 */
public final class Views {
  private Views() {}

  public static Map<String, Object> passage(Passage p, boolean withText) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", p.rank());
    m.put("documentId", p.documentId());
    m.put("chunkId", p.chunkId());
    m.put("workspace", p.workspace());
    m.put("title", p.title());
    m.put("section", p.heading());
    m.put("path", p.path());
    m.put("status", p.status());
    m.put("score", round(p.score()));
    m.put("cosine", Double.isNaN(p.cosine()) ? null : round(p.cosine()));
    if (withText) {
      m.put("text", p.text());
    }
    return m;
  }

  public static Map<String, Object> citation(Passage p) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("n", p.rank());
    m.put("documentId", p.documentId());
    m.put("title", p.title());
    m.put("section", p.heading());
    m.put("path", p.path());
    return m;
  }

  public static Map<String, Object> done(String conversationId, Answer a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("conversationId", conversationId);
    m.put("refused", a.refused());
    m.put("refusal", a.refusal());
    m.put("incomplete", a.incomplete());
    m.put("model", a.modelId());
    m.put("backend", a.backend());
    m.put("citations", a.citations().size());
    m.put("removedCitationMarkers", a.removedMarkers());
    m.put("usage", usage(a.usage()));
    m.put("retrievalMs", round(a.retrievalMicros() / 1000.0));
    m.put("latencyMs", a.latencyMillis());
    return m;
  }

  /** The {@code done} event of a turn: {@link #done(String, Answer)} and what it cost. */
  public static Map<String, Object> done(Answering.Turn t) {
    Map<String, Object> m = done(t.conversationId(), t.answer());
    m.put("costUsd", t.cost() == null ? null : t.cost().doubleValue());
    return m;
  }

  /**
   * What a non-streamed answer adds to its {@code done} fields: the text, the passages it cites
   * (where {@code done} has their count) and the passages it was given, without their text.
   */
  public static Map<String, Object> answered(Answer a) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("text", a.text());
    m.put("citations", a.citations().stream().map(Views::citation).toList());
    m.put("passages", a.passages().stream().map(p -> passage(p, false)).toList());
    return m;
  }

  public static Map<String, Object> usage(Usage u) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("inputTokens", u.input());
    m.put("outputTokens", u.output());
    m.put("reasoningTokens", u.reasoning());
    m.put("cacheReadTokens", u.cacheRead());
    m.put("cacheWriteTokens", u.cacheWrite());
    return m;
  }

  public static Map<String, Object> conversation(Conversation c) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", c.id());
    m.put("workspace", c.workspace());
    m.put("workspaces", c.workspaces());
    m.put("createdAt", c.createdAt().toString());
    m.put(
        "messages",
        c.messages().stream()
            .map(
                (Message msg) -> {
                  Map<String, Object> x = new LinkedHashMap<>();
                  x.put("role", msg.role());
                  x.put("text", msg.text());
                  x.put("citations", msg.citations());
                  x.put("refused", msg.refused());
                  return x;
                })
            .toList());
    return m;
  }

  /** A stored document: its record and its chunks' text in order. */
  public static Map<String, Object> document(Documents.DocumentView d) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("id", d.document().id());
    m.put("workspace", d.document().workspace());
    m.put("title", d.document().title());
    m.put("path", d.document().path());
    m.put("status", d.document().status());
    m.put("kind", d.document().sourceKind());
    m.put("supersedes", d.document().supersedes().isEmpty() ? null : d.document().supersedes());
    m.put("supersededBy", d.supersededBy());
    m.put("metadata", d.document().metadata());
    m.put("chunks", d.chunks());
    return m;
  }

  private static double round(double v) {
    return Math.round(v * 10_000) / 10_000.0;
  }
}
