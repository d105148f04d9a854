package io.stratum.providers.local;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sentences of a Markdown passage, each knowing where it sits: in running text, or in which
 * item of which list. A list item is a sentence of its own (or several), so a procedure's steps can
 * be answered together and in order; a sentence that ends with a colon right before a list
 * introduces it. Code blocks, tables and headings are skipped.
 */
final class Units {
  private static final Pattern SENTENCE_END = Pattern.compile("(?<=[.!?])\\s+(?=[A-Z0-9`*(])");
  private static final Pattern LIST_MARK = Pattern.compile("^\\s*(?:([-*+])|(\\d+)[.)])\\s+");
  private static final Pattern MARKUP = Pattern.compile("\\*\\*|__|^>\\s*");

  /** Running text has fewer words than this only in fragments; a list item may be shorter. */
  private static final int MIN_WORDS = 4;

  private static final int MIN_ITEM_WORDS = 2;

  /**
   * One sentence.
   *
   * @param list the index of its list in the passage, or -1 in running text
   * @param item the index of its list item in the passage, or -1 in running text
   * @param numbered whether its list is numbered (a procedure's steps)
   * @param introduces the index of the list this sentence introduces, or -1
   */
  record Unit(String text, int list, int item, boolean numbered, int introduces) {
    boolean inList() {
      return list >= 0;
    }
  }

  private final List<Unit> out = new ArrayList<>();
  private final StringBuilder paragraph = new StringBuilder();
  private int list = -1;
  private int item = -1;
  private boolean numbered;
  private int lists;
  private int items;

  private Units() {}

  static List<Unit> of(String text) {
    return new Units().read(text);
  }

  private List<Unit> read(String text) {
    boolean fence = false;
    boolean blank = false;
    for (String raw : text.split("\n")) {
      String line = raw.strip();
      if (line.startsWith("```")) {
        fence = !fence;
        continue;
      }
      if (fence || line.startsWith("|") || line.startsWith("#")) {
        continue;
      }
      Matcher mark = LIST_MARK.matcher(line);
      if (mark.find()) {
        flush();
        if (list < 0) {
          list = lists++;
        }
        item = items++;
        numbered = mark.group(2) != null;
        line = line.substring(mark.end());
      } else if (line.isEmpty()) {
        flush();
        blank = true;
        continue;
      } else if (list >= 0 && blank && !Character.isWhitespace(raw.charAt(0))) {
        flush(); // an unindented paragraph after a blank line ends the list
        list = -1;
        item = -1;
      }
      blank = false;
      paragraph.append(line).append(' ');
    }
    flush();
    return markIntroductions();
  }

  private void flush() {
    String clean = MARKUP.matcher(paragraph.toString().strip()).replaceAll("").strip();
    paragraph.setLength(0);
    if (clean.isEmpty()) {
      return;
    }
    for (String s : SENTENCE_END.split(clean)) {
      String sentence = s.strip();
      if (sentence.split("\\s+").length >= (list >= 0 ? MIN_ITEM_WORDS : MIN_WORDS)) {
        out.add(new Unit(sentence, list, item, list >= 0 && numbered, -1));
      }
    }
  }

  private List<Unit> markIntroductions() {
    for (int i = 0; i + 1 < out.size(); i++) {
      Unit u = out.get(i);
      Unit next = out.get(i + 1);
      if (!u.inList() && u.text().endsWith(":") && next.inList()) {
        out.set(i, new Unit(u.text(), -1, -1, false, next.list()));
      }
    }
    return out;
  }
}
