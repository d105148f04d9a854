package io.stratum.app.usecase;

import io.stratum.answer.Answer;
import io.stratum.dispatch.UpstreamAttempt;
import io.stratum.dispatch.Usage;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the audit trail keeps of an answered turn: who, which model and backend, what it retrieved,
 * cited, used and cost (the metadata, in clear), and the question and answer (the body, sealed).
 */
final class AnswerAudit {
  private AnswerAudit() {}

  /** The audit outcome of an answered turn. */
  static String outcome(Answer a) {
    return a.refused() ? "refused" : a.incomplete() ? "incomplete" : "success";
  }

  static Map<String, Object> metadata(Answering.Turn t) {
    Answer a = t.answer();
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("conversationId", t.conversationId());
    m.put("model", a.modelId());
    m.put("backend", a.backend());
    m.put("tier", t.tier());
    m.put("workspaces", t.scope());
    m.put("refused", a.refused());
    m.put("refusal", a.refusal());
    m.put("incomplete", a.incomplete());
    m.put("passages", a.passages().stream().map(p -> p.chunkId()).toList());
    m.put("citations", a.citations().stream().map(p -> p.documentId()).distinct().toList());
    m.put("removedCitationMarkers", a.removedMarkers());
    m.put("usage", usage(a.usage()));
    m.put("attempts", attempts(a.attempts()));
    m.put("costUsd", t.cost().stripTrailingZeros().toPlainString());
    m.put("latencyMs", a.latencyMillis());
    return m;
  }

  /** Each upstream attempt that returned usage: its number, outcome and usage. */
  /** A failed answer's audit metadata, with the attempts that returned usage before it failed. */
  static Map<String, Object> failure(
      String model, String tier, RuntimeException e, Object scope, String conversationId) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("model", model);
    m.put("tier", tier);
    m.put("error", String.valueOf(e.getMessage()));
    if (e instanceof io.stratum.dispatch.DispatchException de && !de.attempts().isEmpty()) {
      m.put("attempts", attempts(de.attempts()));
    }
    m.put("workspaces", scope);
    if (conversationId != null) {
      m.put("conversationId", conversationId);
    }
    return m;
  }

  /** Each scoped workspace's own instructions, labelled when there are several. */
  static List<String> instructions(
      io.stratum.store.WorkspaceStore workspaces, java.util.Set<String> scope) {
    List<String> prompts = new java.util.ArrayList<>();
    for (String ws : scope) {
      String p = workspaces.prompt(ws);
      if (!p.isBlank()) {
        prompts.add(scope.size() == 1 ? p : "[" + ws + "] " + p);
      }
    }
    return prompts;
  }

  static List<Map<String, Object>> attempts(List<UpstreamAttempt> attempts) {
    return attempts.stream()
        .map(
            at ->
                Map.<String, Object>of(
                    "attempt", at.number(),
                    "outcome", at.outcome().id(),
                    "usage", usage(at.usage())))
        .toList();
  }

  static Map<String, Object> usage(Usage u) {
    return Map.of(
        "input", u.input(),
        "output", u.output(),
        "reasoning", u.reasoning(),
        "cacheRead", u.cacheRead(),
        "cacheWrite", u.cacheWrite());
  }

  /** The question, the query retrieval ran when a rewrite changed it, and the answer. */
  static Map<String, Object> body(String question, Answering.Turn t) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("question", question);
    if (!t.query().equals(question)) {
      body.put("query", t.query());
    }
    body.put("answer", t.answer().text());
    return body;
  }
}
