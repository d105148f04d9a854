package io.stratum.corpus;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Exact identifiers in text: control ids ({@code AC-2}, {@code AC-2(1)}), ADR numbers ({@code
 * ADR-0007}), and CamelCase names such as alert names ({@code KubePodNotReady}). Stored lower-case
 * in a field of their own, so a question that names one finds it exactly, whatever the analyzer
 * does to words.
 */
public final class Identifiers {
  private static final Pattern CONTROL =
      Pattern.compile("\\b([A-Za-z]{2,4})-(\\d{1,4})(?:\\s?\\((\\d{1,3})\\))?");
  private static final Pattern CAMEL =
      Pattern.compile("\\b([A-Z][a-z0-9]+(?:[A-Z][a-z0-9]+){2,})\\b");

  private Identifiers() {}

  /** The identifiers in {@code text}, normalized: {@code ac-2}, {@code ac-2(1)}, {@code adr-7}. */
  public static Set<String> in(String text) {
    Set<String> out = new LinkedHashSet<>();
    Matcher m = CONTROL.matcher(text);
    while (m.find()) {
      String base = m.group(1).toLowerCase(Locale.ROOT) + "-" + Integer.parseInt(m.group(2));
      out.add(base);
      if (m.group(3) != null) {
        out.add(base + "(" + Integer.parseInt(m.group(3)) + ")");
      }
    }
    Matcher c = CAMEL.matcher(text);
    while (c.find()) {
      out.add(c.group(1).toLowerCase(Locale.ROOT));
    }
    return out;
  }
}
