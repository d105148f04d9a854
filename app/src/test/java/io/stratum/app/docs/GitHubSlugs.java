package io.stratum.app.docs;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The anchors GitHub gives a page's headings, as github-slugger makes them: the heading's rendered
 * text in lower case, every character but letters, marks, digits, connector punctuation ({@code
 * _}), spaces and hyphens removed, each space made a hyphen; a repeated slug gets {@code -1},
 * {@code -2}, ... One instance per page.
 */
public final class GitHubSlugs {
  private static final Pattern CODE_SPAN = Pattern.compile("(`+)(.+?)\\1");
  private static final Pattern IMAGE = Pattern.compile("!\\[([^\\]]*)]\\([^)]*\\)");
  private static final Pattern LINK = Pattern.compile("\\[([^\\]]*)]\\([^)]*\\)");
  private static final Pattern TAG = Pattern.compile("<[^>]+>");
  private static final Pattern UNDERSCORE_EMPHASIS =
      Pattern.compile("(?<![\\p{L}\\p{N}])_+|_+(?![\\p{L}\\p{N}])");
  private static final Pattern REMOVED = Pattern.compile("[^\\p{L}\\p{M}\\p{N}\\p{Pc} -]");

  private final Map<String, Integer> seen = new HashMap<>();

  /** The anchor of the next heading with this Markdown text. */
  String next(String heading) {
    String base = slug(heading);
    Integer count = seen.get(base);
    if (count == null) {
      seen.put(base, 0);
      return base;
    }
    String slug;
    do {
      count++;
      slug = base + "-" + count;
    } while (seen.containsKey(slug));
    seen.put(base, count);
    seen.put(slug, 0);
    return slug;
  }

  /** The slug of one heading's Markdown text, without de-duplication. */
  public static String slug(String heading) {
    return REMOVED.matcher(text(heading).toLowerCase(Locale.ROOT)).replaceAll("").replace(' ', '-');
  }

  /** The text a heading renders to: code spans literal, markup and tags dropped. */
  static String text(String markdown) {
    StringBuilder out = new StringBuilder();
    Matcher code = CODE_SPAN.matcher(markdown);
    int at = 0;
    while (code.find()) {
      out.append(plain(markdown.substring(at, code.start())));
      out.append(code.group(2).strip());
      at = code.end();
    }
    return out.append(plain(markdown.substring(at))).toString().strip();
  }

  private static String plain(String markdown) {
    String s = IMAGE.matcher(markdown).replaceAll("$1");
    s = LINK.matcher(s).replaceAll("$1");
    s = TAG.matcher(s).replaceAll("");
    s = UNDERSCORE_EMPHASIS.matcher(s).replaceAll("");
    return s.replace("\\", "")
        .replace("&amp;", "&")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&nbsp;", " ");
  }
}
