package io.stratum.index;

import java.util.Set;

/**
 * What a search may see: these workspaces and, when {@code kinds} is not empty, only documents of
 * these source kinds ({@code runbook}, {@code jira}, ...). Applied inside every Lucene query.
 */
public record Scope(Set<String> workspaces, Set<String> kinds) {
  public Scope {
    workspaces = Set.copyOf(workspaces);
    kinds = Set.copyOf(kinds);
  }

  /** Every kind of document in {@code workspaces}. */
  public static Scope of(Set<String> workspaces) {
    return new Scope(workspaces, Set.of());
  }
}
