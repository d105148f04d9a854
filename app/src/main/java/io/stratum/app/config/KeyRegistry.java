package io.stratum.app.config;

import java.util.ArrayList;
import java.util.List;

/**
 * The configuration keys, in the order the docs list them. A name or environment variable declared
 * twice is refused when declared, so two keys can never read the same setting.
 */
final class KeyRegistry {
  private final List<Key<?>> keys = new ArrayList<>();

  /** Starts declaring a key that may be set in the file or as {@code STRATUM_<NAME>}. */
  <T> Key.Builder<T> key(String name, Parser<T> parser) {
    return new Key.Builder<>(this, name, true, parser);
  }

  /** Starts declaring a secret read from the environment variable {@code var} only. */
  Key.Builder<String> secret(String var) {
    return new Key.Builder<>(this, var, false, Parser.secret());
  }

  <T> Key<T> add(Key<T> key) {
    for (Key<?> k : keys) {
      if (k.name().equals(key.name()) || k.env().equals(key.env())) {
        throw new IllegalArgumentException(
            "config key %s: declared twice (as %s, env %s)"
                .formatted(key.name(), k.name(), k.env()));
      }
    }
    keys.add(key);
    return key;
  }

  List<Key<?>> keys() {
    return List.copyOf(keys);
  }

  /** The key the file may set under {@code name}, or null. */
  Key<?> inFile(String name) {
    return keys.stream()
        .filter(k -> k.fromFile() && k.name().equals(name))
        .findFirst()
        .orElse(null);
  }

  /**
   * " ; did you mean 'x'?" for the file key nearest {@code name} (edit distance below 4), or "".
   */
  String suggestion(String name) {
    String best = null;
    int bestD = 4;
    for (Key<?> k : keys) {
      int d = k.fromFile() ? distance(k.name(), name) : Integer.MAX_VALUE;
      if (d < bestD) {
        bestD = d;
        best = k.name();
      }
    }
    return best == null ? "" : "; did you mean '" + best + "'?";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int[] cur = new int[b.length() + 1];
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        cur[j] =
            Math.min(
                Math.min(cur[j - 1] + 1, prev[j] + 1),
                prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
      }
      prev = cur;
    }
    return prev[b.length()];
  }
}
