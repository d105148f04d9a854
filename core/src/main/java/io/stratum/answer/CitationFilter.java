package io.stratum.answer;

import java.util.LinkedHashSet;
import java.util.Set;

/**
 * Checks citation markers in streamed text as they pass. A marker {@code [n]} that names a passage
 * is kept and recorded; one that names no passage is removed and counted, so a reader never follows
 * a citation to nothing. A marker split across two deltas is held back until it is whole.
 */
final class CitationFilter {
  private static final int MAX_MARKER = 6; // "[9999]"
  private final int passages;
  private final Set<Integer> cited = new LinkedHashSet<>();
  private final StringBuilder pending = new StringBuilder();
  private int removed;

  CitationFilter(int passages) {
    this.passages = passages;
  }

  /** Returns the text that can be shown now. */
  String accept(String delta) {
    pending.append(delta);
    StringBuilder out = new StringBuilder();
    int i = 0;
    while (i < pending.length()) {
      char c = pending.charAt(i);
      if (c != '[') {
        out.append(c);
        i++;
        continue;
      }
      int close = pending.indexOf("]", i);
      if (close < 0) {
        if (pending.length() - i < MAX_MARKER && digitsOnly(i + 1, pending.length())) {
          break; // maybe a marker still arriving
        }
        out.append(c);
        i++;
        continue;
      }
      if (close - i > 1 && close - i < MAX_MARKER && digitsOnly(i + 1, close)) {
        int n = Integer.parseInt(pending.substring(i + 1, close));
        if (n >= 1 && n <= passages) {
          cited.add(n);
          out.append(pending, i, close + 1);
        } else {
          removed++;
        }
        i = close + 1;
      } else {
        out.append(c);
        i++;
      }
    }
    pending.delete(0, i);
    return out.toString();
  }

  /** Whatever is still held back, once the stream has ended. */
  String finish() {
    String rest = pending.toString();
    pending.setLength(0);
    return rest;
  }

  Set<Integer> cited() {
    return cited;
  }

  int removed() {
    return removed;
  }

  private boolean digitsOnly(int from, int to) {
    for (int j = from; j < to; j++) {
      if (!Character.isDigit(pending.charAt(j))) {
        return false;
      }
    }
    return true;
  }
}
