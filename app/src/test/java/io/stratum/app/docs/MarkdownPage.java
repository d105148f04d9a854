package io.stratum.app.docs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a Markdown page links to and which anchors it offers, as GitHub renders it: fenced code
 * blocks, code spans and HTML comments hold no links and no headings.
 */
final class MarkdownPage {
  /** A link or image destination, on its 1-based line. */
  record Link(int line, String target) {}

  private static final Pattern FENCE = Pattern.compile("^ {0,3}(`{3,}|~{3,})(.*)$");
  private static final Pattern ATX = Pattern.compile("^ {0,3}(#{1,6})(?:[ \\t]+(.*?))?[ \\t]*$");
  private static final Pattern CLOSING_HASHES = Pattern.compile("(?:^|[ \\t]+)#+$");
  private static final Pattern SETEXT = Pattern.compile("^ {0,3}(=+|-+)[ \\t]*$");
  private static final Pattern NOT_A_PARAGRAPH =
      Pattern.compile("^ {0,3}(?:[#>|*+-]|\\d+[.)]|<|$).*");
  private static final Pattern HTML_ANCHOR =
      Pattern.compile(
          "<a\\s[^>]*?\\b(?:id|name)\\s*=\\s*[\"']([^\"']+)[\"']", Pattern.CASE_INSENSITIVE);
  private static final Pattern HTML_LINK =
      Pattern.compile(
          "<(?:a|img)\\s[^>]*?\\b(?:href|src)\\s*=\\s*[\"']([^\"']*)[\"']",
          Pattern.CASE_INSENSITIVE);
  private static final Pattern AUTOLINK =
      Pattern.compile("<([a-zA-Z][a-zA-Z0-9+.-]{1,31}:[^<>\\s]*)>");
  private static final Pattern DEFINITION =
      Pattern.compile("^ {0,3}\\[[^\\]]+]:[ \\t]*(<[^>]*>|\\S+)", Pattern.MULTILINE);

  private final List<Link> links;
  private final Set<String> anchors;

  private MarkdownPage(List<Link> links, Set<String> anchors) {
    this.links = List.copyOf(links);
    this.anchors = Set.copyOf(anchors);
  }

  List<Link> links() {
    return links;
  }

  Set<String> anchors() {
    return anchors;
  }

  static MarkdownPage parse(String markdown) {
    String[] lines = markdown.split("\n", -1);
    Set<String> anchors = new LinkedHashSet<>();
    GitHubSlugs slugs = new GitHubSlugs();
    StringBuilder prose = new StringBuilder();
    String fence = null;
    String previous = "";
    for (String line : lines) {
      Matcher f = FENCE.matcher(line);
      if (fence != null) {
        if (f.matches()
            && f.group(1).charAt(0) == fence.charAt(0)
            && f.group(1).length() >= fence.length()
            && f.group(2).isBlank()) {
          fence = null;
        }
        prose.append('\n');
        previous = "";
        continue;
      }
      if (f.matches() && !(f.group(1).charAt(0) == '`' && f.group(2).contains("`"))) {
        fence = f.group(1);
        prose.append('\n');
        previous = "";
        continue;
      }
      Matcher atx = ATX.matcher(line);
      Matcher setext = SETEXT.matcher(line);
      if (atx.matches()) {
        String text =
            atx.group(2) == null ? "" : CLOSING_HASHES.matcher(atx.group(2)).replaceAll("");
        anchors.add(slugs.next(text));
      } else if (setext.matches() && !NOT_A_PARAGRAPH.matcher(previous).matches()) {
        anchors.add(slugs.next(previous.strip()));
      }
      prose.append(line).append('\n');
      previous = line;
    }
    String text = withoutCode(withoutComments(prose.toString()));
    Matcher html = HTML_ANCHOR.matcher(text);
    while (html.find()) {
      anchors.add(html.group(1));
    }
    return new MarkdownPage(links(text), anchors);
  }

  /** HTML comments blanked, newlines kept so line numbers hold. */
  private static String withoutComments(String text) {
    StringBuilder out = new StringBuilder(text);
    int at = 0;
    while ((at = out.indexOf("<!--", at)) >= 0) {
      int end = out.indexOf("-->", at + 4);
      end = end < 0 ? out.length() : end + 3;
      blank(out, at, end);
      at = end;
    }
    return out.toString();
  }

  /**
   * Code spans blanked: a run of backticks up to the next run of the same length within the
   * paragraph (a span may wrap onto the next line); an unmatched run is literal.
   */
  private static String withoutCode(String text) {
    StringBuilder out = new StringBuilder(text);
    int i = 0;
    while (i < out.length()) {
      if (out.charAt(i) != '`' || (i > 0 && out.charAt(i - 1) == '\\')) {
        i++;
        continue;
      }
      int run = runAt(out, i);
      int close = closingRun(out, i + run, run);
      if (close < 0) {
        i += run;
        continue;
      }
      blank(out, i, close + run);
      i = close + run;
    }
    return out.toString();
  }

  private static int runAt(CharSequence s, int i) {
    int n = 0;
    while (i + n < s.length() && s.charAt(i + n) == '`') {
      n++;
    }
    return n;
  }

  private static int closingRun(StringBuilder s, int from, int length) {
    int paragraphEnd = paragraphEnd(s, from);
    int j = from;
    while (j < paragraphEnd) {
      if (s.charAt(j) == '`') {
        int run = runAt(s, j);
        if (run == length) {
          return j;
        }
        j += run;
      } else {
        j++;
      }
    }
    return -1;
  }

  private static int paragraphEnd(CharSequence s, int from) {
    int lineStart = -1;
    for (int j = from; j < s.length(); j++) {
      if (s.charAt(j) == '\n') {
        if (lineStart >= 0 && s.subSequence(lineStart, j).toString().isBlank()) {
          return lineStart;
        }
        lineStart = j + 1;
      }
    }
    return s.length();
  }

  private static void blank(StringBuilder s, int from, int to) {
    for (int j = from; j < to; j++) {
      if (s.charAt(j) != '\n') {
        s.setCharAt(j, ' ');
      }
    }
  }

  private static List<Link> links(String text) {
    List<Link> found = new ArrayList<>();
    for (int j = text.indexOf("]("); j >= 0; j = text.indexOf("](", j + 1)) {
      if (opening(text, j) < 0) {
        continue;
      }
      String target = destination(text, j + 2);
      if (target != null) {
        found.add(new Link(lineOf(text, j), target));
      }
    }
    for (Pattern p : List.of(DEFINITION, AUTOLINK, HTML_LINK)) {
      Matcher m = p.matcher(text);
      while (m.find()) {
        String target = m.group(1);
        if (target.startsWith("<") && target.endsWith(">")) {
          target = target.substring(1, target.length() - 1);
        }
        found.add(new Link(lineOf(text, m.start(1)), target));
      }
    }
    found.sort((a, b) -> Integer.compare(a.line(), b.line()));
    return found;
  }

  /** The {@code [} that opens the link text closed at {@code close}, or -1 when there is none. */
  private static int opening(String text, int close) {
    if (close > 0 && text.charAt(close - 1) == '\\') {
      return -1;
    }
    int depth = 0;
    for (int j = close - 1; j >= 0; j--) {
      char c = text.charAt(j);
      if (c == '\n' && j > 0 && text.charAt(j - 1) == '\n') {
        return -1;
      }
      if (j > 0 && text.charAt(j - 1) == '\\') {
        continue;
      }
      if (c == ']') {
        depth++;
      } else if (c == '[') {
        if (depth == 0) {
          return j;
        }
        depth--;
      }
    }
    return -1;
  }

  /** The destination starting at {@code from} (after the {@code (}), or null when malformed. */
  private static String destination(String text, int from) {
    int i = from;
    while (i < text.length() && (text.charAt(i) == ' ' || text.charAt(i) == '\t')) {
      i++;
    }
    if (i < text.length() && text.charAt(i) == '<') {
      int end = text.indexOf('>', i);
      return end < 0 ? null : text.substring(i + 1, end);
    }
    int depth = 0;
    int start = i;
    for (; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isWhitespace(c)) {
        break;
      }
      if (c == '(') {
        depth++;
      } else if (c == ')') {
        if (depth == 0) {
          break;
        }
        depth--;
      }
    }
    String target = text.substring(start, i);
    int after = i;
    while (after < text.length() && (text.charAt(after) == ' ' || text.charAt(after) == '\t')) {
      after++;
    }
    if (after < text.length() && after > i && "\"'(".indexOf(text.charAt(after)) < 0) {
      // Not a title after the space: the author meant a destination with a space in it.
      int end = text.indexOf(')', after);
      int line = text.indexOf('\n', after);
      if (end > 0 && (line < 0 || end < line)) {
        return text.substring(start, end);
      }
    }
    return target;
  }

  private static int lineOf(String text, int index) {
    int line = 1;
    for (int j = 0; j < index; j++) {
      if (text.charAt(j) == '\n') {
        line++;
      }
    }
    return line;
  }
}
