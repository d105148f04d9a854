package io.stratum.eval;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A judged query set: query id → text, and query id → (document id → gain).
 *
 * @param queries in the order they were read
 */
public record Judged(Map<String, String> queries, Map<String, Map<String, Integer>> gains) {
  public Judged {
    queries = Collections.unmodifiableMap(new LinkedHashMap<>(queries));
    gains = Map.copyOf(gains);
  }

  /** Queries at odd (1st, 3rd, ...) or even positions, or all; tune on odd, report both. */
  public Judged half(String which) {
    if (which.equals("all")) {
      return this;
    }
    if (!which.equals("odd") && !which.equals("even")) {
      throw new IllegalArgumentException("--half: expected odd|even|all, got '" + which + "'");
    }
    Map<String, String> kept = new LinkedHashMap<>();
    List<String> ids = List.copyOf(queries.keySet());
    for (int i = 0; i < ids.size(); i++) {
      boolean odd = i % 2 == 0; // position 1 is odd
      if (odd == which.equals("odd")) {
        kept.put(ids.get(i), queries.get(ids.get(i)));
      }
    }
    return new Judged(kept, gains);
  }
}
