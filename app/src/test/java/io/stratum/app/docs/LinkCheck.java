package io.stratum.app.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Checks the links of a repository's Markdown pages without the network: a relative link (or image)
 * must name a file or directory inside the repository, a {@code #anchor} a heading of the page it
 * points to, and an external link must be a well-formed http(s) or mailto URL.
 */
final class LinkCheck {
  /** What is wrong with one link. */
  enum Kind {
    MISSING_FILE,
    MISSING_ANCHOR,
    MALFORMED_URL
  }

  /** One broken link: where it is, what it says, and why it does not resolve. */
  record Problem(Kind kind, String file, int line, String target, String reason) {
    @Override
    public String toString() {
      return "%s:%d: (%s) %s".formatted(file, line, target, reason);
    }
  }

  private static final Pattern SCHEME = Pattern.compile("^[a-zA-Z][a-zA-Z0-9+.-]*:.*");

  private final Path root;
  private final Map<Path, MarkdownPage> parsed = new HashMap<>();

  LinkCheck(Path root) {
    this.root = root.toAbsolutePath().normalize();
  }

  /**
   * The pages the link check covers: the root's own {@code *.md} and {@code docs/**}{@code .md}.
   */
  List<Path> pages() {
    List<Path> pages = new ArrayList<>(markdown(root, 1));
    Path docs = root.resolve("docs");
    if (Files.isDirectory(docs)) {
      pages.addAll(markdown(docs, Integer.MAX_VALUE));
    }
    return pages;
  }

  private static List<Path> markdown(Path dir, int depth) {
    try (Stream<Path> all = Files.walk(dir, depth)) {
      return all.filter(p -> p.toString().endsWith(".md") && Files.isRegularFile(p))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Every broken link of every page, in page and line order. */
  List<Problem> problems() {
    List<Problem> problems = new ArrayList<>();
    for (Path page : pages()) {
      problems.addAll(problems(page));
    }
    return problems;
  }

  /** The broken links of one page. */
  List<Problem> problems(Path page) {
    List<Problem> problems = new ArrayList<>();
    String name = root.relativize(page.toAbsolutePath().normalize()).toString();
    for (MarkdownPage.Link link : page(page).links()) {
      String reason = null;
      Kind kind = null;
      String target = link.target();
      if (target.isEmpty()) {
        kind = Kind.MISSING_FILE;
        reason = "an empty link";
      } else if (target.startsWith("#")) {
        kind = Kind.MISSING_ANCHOR;
        reason = anchorProblem(page, target.substring(1));
      } else if (SCHEME.matcher(target).matches()) {
        kind = Kind.MALFORMED_URL;
        reason = urlProblem(target);
      } else {
        String[] parts = target.split("#", 2);
        String path = parts[0].replaceFirst("\\?.*$", "");
        Path file = resolve(page, path);
        if (file == null || !file.startsWith(root)) {
          kind = Kind.MISSING_FILE;
          reason = "points outside the repository";
        } else if (!Files.exists(file)) {
          kind = Kind.MISSING_FILE;
          reason = "no such file: " + root.relativize(file);
        } else if (parts.length == 2 && file.toString().endsWith(".md")) {
          kind = Kind.MISSING_ANCHOR;
          reason = anchorProblem(file, parts[1]);
        }
      }
      if (reason != null) {
        problems.add(new Problem(kind, name, link.line(), target, reason));
      }
    }
    return problems;
  }

  private Path resolve(Path page, String path) {
    String decoded;
    try {
      decoded = URLDecoder.decode(path.replace("+", "%2B"), StandardCharsets.UTF_8);
    } catch (IllegalArgumentException e) {
      return null;
    }
    if (decoded.isEmpty()) {
      return page.toAbsolutePath().normalize();
    }
    Path base = decoded.startsWith("/") ? root : page.toAbsolutePath().getParent();
    return base.resolve(decoded.replaceFirst("^/+", "")).normalize();
  }

  private String anchorProblem(Path file, String anchor) {
    String decoded = URLDecoder.decode(anchor.replace("+", "%2B"), StandardCharsets.UTF_8);
    MarkdownPage target = page(file);
    if (target.anchors().contains(decoded)) {
      return null;
    }
    return "no heading with anchor #%s in %s".formatted(anchor, root.relativize(file));
  }

  private static String urlProblem(String target) {
    URI uri;
    try {
      uri = new URI(target);
    } catch (URISyntaxException e) {
      return "not a well-formed URL: " + e.getReason();
    }
    String scheme = uri.getScheme().toLowerCase(Locale.ROOT);
    return switch (scheme) {
      case "http", "https" ->
          uri.getHost() == null || uri.getHost().isEmpty()
              ? "not a well-formed URL: no host"
              : null;
      case "mailto" ->
          uri.getSchemeSpecificPart().contains("@") ? null : "not a well-formed mailto: address";
      default -> "an external link must be http(s) or mailto, got " + scheme + ":";
    };
  }

  private MarkdownPage page(Path file) {
    return parsed.computeIfAbsent(
        file.toAbsolutePath().normalize(),
        f -> {
          try {
            return MarkdownPage.parse(Files.readString(f).replace("\r\n", "\n"));
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        });
  }
}
