package io.stratum.app.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A generated part of a docs page, between {@code <!-- NAME:begin -->} and {@code <!-- NAME:end
 * -->}: the page's freshness test rewrites it with {@code -Dstratum.docs.write=true}, and otherwise
 * fails naming the command that regenerates it. What is outside the markers is written by hand.
 */
public record GeneratedSection(String page, String name, String test) {
  /** The repository's root; the tests run in {@code app/}. */
  static final Path ROOT =
      Path.of(System.getProperty("stratum.root", "..")).toAbsolutePath().normalize();

  /** The page's path inside the repository, e.g. {@code docs/reference/mcp-tools.md}. */
  public Path path() {
    return ROOT.resolve(page);
  }

  public String begin() {
    return "<!-- " + name + ":begin -->";
  }

  public String end() {
    return "<!-- " + name + ":end -->";
  }

  /** The command that rewrites the section from its source. */
  public String regenerate() {
    return "./mvnw -B -q -pl app -am test -Dtest="
        + test
        + " -Dsurefire.failIfNoSpecifiedTests=false -Dstratum.docs.write=true";
  }

  /** {@code body} between the markers, with a line saying where it comes from. */
  public String wrap(String source, String body) {
    return begin()
        + "\n<!-- generated from "
        + source
        + ": edit it there, then regenerate (see "
        + test
        + ") -->\n"
        + body.strip()
        + "\n"
        + end();
  }

  /** The section as the page holds it now, markers included. */
  public String in(String markdown) {
    int from = markdown.indexOf(begin());
    int to = markdown.indexOf(end());
    if (from < 0 || to < from) {
      throw new IllegalArgumentException(
          "%s: expected the markers %s and %s around the generated part; regenerate with: %s"
              .formatted(page, begin(), end(), regenerate()));
    }
    return markdown.substring(from, to + end().length());
  }

  /**
   * Rewrites the section when {@code -Dstratum.docs.write=true}; then asserts that the page holds
   * {@code generated}.
   */
  public void check(String generated) throws IOException {
    String markdown = Files.readString(path());
    if (Boolean.getBoolean("stratum.docs.write")) {
      Files.writeString(path(), markdown.replace(in(markdown), generated));
      markdown = Files.readString(path());
    }
    assertThat(in(markdown))
        .as("%s is out of date; regenerate it with: %s", page, regenerate())
        .isEqualTo(generated);
  }
}
