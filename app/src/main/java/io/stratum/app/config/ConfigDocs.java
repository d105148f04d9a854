package io.stratum.app.config;

import java.util.List;

/**
 * The key table of {@code docs/configuration.md}, rendered from {@link ConfigKeys}: a key's
 * "accepts" is the expectation its error messages state, so the docs and the messages cannot drift.
 * {@code ConfigurationDocTest} fails when the page holds another table.
 */
final class ConfigDocs {
  static final String BEGIN = "<!-- config-keys:begin -->";
  static final String END = "<!-- config-keys:end -->";

  private ConfigDocs() {}

  /** The table, between its markers. */
  static String table(List<Key<?>> keys, ProviderChoices choices) {
    StringBuilder out = new StringBuilder(BEGIN).append('\n');
    out.append(
        "<!-- generated from app/src/main/java/io/stratum/app/config/ConfigKeys.java: edit the"
            + " keys there, then regenerate (see ConfigurationDocTest) -->\n");
    out.append("| key | environment | accepts | default | meaning |\n");
    out.append("|---|---|---|---|---|\n");
    for (Key<?> k : keys) {
      out.append("| ")
          .append(k.fromFile() ? "`" + k.name() + "`" : "(environment only)")
          .append(" | `")
          .append(k.env())
          .append("` | ")
          .append(cell(k.parser().expects(choices)))
          .append(" | ")
          .append(cell(k.fallback().doc(choices)))
          .append(" | ")
          .append(cell(k.doc()))
          .append(" |\n");
    }
    return out.append(END).toString();
  }

  /** The table in {@code markdown}, markers included. */
  static String tableIn(String markdown) {
    int begin = markdown.indexOf(BEGIN);
    int end = markdown.indexOf(END);
    if (begin < 0 || end < begin) {
      throw new IllegalArgumentException(
          "expected the markers %s and %s around the key table".formatted(BEGIN, END));
    }
    return markdown.substring(begin, end + END.length());
  }

  /** {@code markdown} with its table replaced by {@code table}. */
  static String withTable(String markdown, String table) {
    return markdown.replace(tableIn(markdown), table);
  }

  private static String cell(String text) {
    return text.replace("|", "\\|");
  }
}
