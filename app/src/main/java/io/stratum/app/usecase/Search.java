package io.stratum.app.usecase;

import io.stratum.access.Action;
import io.stratum.access.Principal;
import io.stratum.corpus.SourceDocument;
import io.stratum.index.Scope;
import io.stratum.retrieval.Retrieval;
import io.stratum.retrieval.Retriever;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Hybrid retrieval over the workspaces a caller may read, without a model: what {@code GET
 * /api/workspaces/{ws}/search}, the MCP {@code search} tool and {@code stratum search} run.
 */
public final class Search {
  /** Most results one search returns, and the largest page of any listing. */
  public static final int MAX_RESULTS = 50;

  private final Guard guard;
  private final Retriever retriever;
  private final Auditor audit;

  public Search(Guard guard, Retriever retriever, Auditor audit) {
    this.guard = guard;
    this.retriever = retriever;
    this.audit = audit;
  }

  /**
   * The {@code k} best passages for {@code query} across {@code workspaces}, every one of which
   * {@code who} must be able to read (the first that is not is denied, by name, before anything is
   * searched), optionally of some source kinds. Each workspace gets its own audit record with the
   * passages that came from it, so its admins see their part.
   */
  public Retrieval search(
      Principal who, List<String> workspaces, String query, int k, List<String> kinds) {
    if (workspaces.isEmpty()) {
      throw new InvalidInputException("workspaces", "pick at least one workspace");
    }
    Inputs.workspaces("workspaces", workspaces);
    workspaces.forEach(ws -> guard.workspace(who, ws));
    workspaces.forEach(ws -> guard.require(who, Action.READ, ws, "search"));
    String q = Inputs.text("q", query);
    Inputs.count("k", k, MAX_RESULTS);
    for (String kind : kinds) {
      if (!SourceDocument.KINDS.contains(kind)) {
        throw new InvalidInputException(
            "kind",
            "expected one of %s, got '%s'"
                .formatted(String.join(", ", SourceDocument.KINDS), Inputs.echo(kind)));
      }
    }
    Retrieval r =
        retriever.retrieve(
            q, new Scope(Set.copyOf(workspaces), Set.copyOf(kinds)), k, Retriever.CANDIDATES);
    for (String ws : new LinkedHashSet<>(workspaces)) {
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("k", k);
      m.put("kinds", kinds);
      m.put(
          "passages",
          r.passages().stream()
              .filter(p -> p.workspace().equals(ws))
              .map(p -> p.chunkId())
              .toList());
      m.put("tookMs", r.micros() / 1000.0);
      audit.record("search", "success", who, ws, m, Map.of("query", q));
    }
    return r;
  }
}
