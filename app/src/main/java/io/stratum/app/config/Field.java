package io.stratum.app.config;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One key's raw value while it is parsed: where it came from ({@code terraform.tfvars:3}, {@code
 * env STRATUM_X}, {@code default}), and the list its problems go to.
 */
final class Field {
  private final String key;
  private final Object raw;
  private final String where;
  private final Values.Context context;
  private final List<String> problems;

  Field(String key, Object raw, String where, Values.Context context, List<String> problems) {
    this.key = key;
    this.raw = raw;
    this.where = where;
    this.context = context;
    this.problems = problems;
  }

  Object raw() {
    return raw;
  }

  String where() {
    return where;
  }

  ProviderChoices choices() {
    return context.choices();
  }

  /** The configuration file's directory: relative paths in the file are read from there. */
  Path baseDir() {
    return context.baseDir();
  }

  Map<String, String> env() {
    return context.env();
  }

  int problemCount() {
    return problems.size();
  }

  /** {@code key: expected <expected>, got <raw> (where)}. */
  void bad(String expected) {
    problems.add("%s: expected %s, got %s (%s)".formatted(key, expected, show(raw), where));
  }

  /**
   * {@code key<rest> (where)}: {@code rest} is {@code ": carries a password; ..."}, or names a part
   * first: {@code "[1].path: no such file or directory ..."}.
   */
  void problem(String rest) {
    problems.add("%s%s (%s)".formatted(key, rest, where));
  }

  /** A value as a message echoes it: strings quoted, and 768 rather than 768.0. */
  static String show(Object v) {
    if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
      return String.valueOf(d.longValue()); // the file said 768, not 768.0
    }
    return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
  }

  /** A number, or a string holding one (the environment has only strings); else null. */
  static Double number(Object v) {
    if (v instanceof Number n) {
      return n.doubleValue();
    }
    if (v instanceof String s) {
      try {
        return Double.parseDouble(s.strip());
      } catch (NumberFormatException e) {
        return null;
      }
    }
    return null;
  }
}
