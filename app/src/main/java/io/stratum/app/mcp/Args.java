package io.stratum.app.mcp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A tool call's arguments, read with the same care as an HTTP body: a wrong type is an error naming
 * the argument and the value (the SDK has already checked them against the tool's JSON Schema, so
 * these are for clients that skip that).
 */
final class Args {
  private final Map<String, Object> values;

  Args(Map<String, Object> values) {
    this.values = values == null ? Map.of() : values;
  }

  /** An argument of the wrong shape. */
  static final class BadArgument extends IllegalArgumentException {
    BadArgument(String name, String expected, Object got) {
      super("%s: expected %s, got %s".formatted(name, expected, got));
    }
  }

  boolean has(String name) {
    return values.get(name) != null;
  }

  String text(String name) {
    if (!(values.get(name) instanceof String s) || s.isBlank()) {
      throw new BadArgument(name, "a non-empty string", values.get(name));
    }
    return s;
  }

  int integer(String name, int dflt) {
    Object v = values.get(name);
    if (v == null) {
      return dflt;
    }
    if (v instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
      return n.intValue();
    }
    throw new BadArgument(name, "an integer", v);
  }

  List<String> strings(String name) {
    Object v = values.get(name);
    if (v == null) {
      return List.of();
    }
    if (!(v instanceof List<?> list)) {
      throw new BadArgument(name, "an array of strings", v);
    }
    List<String> out = new ArrayList<>();
    for (Object o : list) {
      if (!(o instanceof String s)) {
        throw new BadArgument(name, "an array of strings", v);
      }
      out.add(s);
    }
    return out;
  }

  /** The named workspaces, or {@code readable} when the caller named none. */
  List<String> workspacesOr(List<String> readable) {
    List<String> named = strings("workspaces");
    return named.isEmpty() ? readable : named;
  }

  /** The one workspace the call named, for its audit record; empty otherwise. */
  String workspace() {
    if (values.get("workspace") instanceof String s) {
      return s;
    }
    return values.get("workspaces") instanceof List<?> l && l.size() == 1 ? "" + l.get(0) : "";
  }
}
