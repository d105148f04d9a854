package io.stratum.app.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every link in README.md, the other top-level pages (CHANGELOG.md, ...) and docs/**.md resolves as
 * GitHub renders it, checked without the network. A failure lists every broken link with its
 * file:line.
 */
class DocsLinksTest {
  private static final Path ROOT = GeneratedSection.ROOT;

  @TempDir Path dir;

  @Test
  void every_relative_link_and_image_points_to_a_file_in_the_repository() {
    assertNone(LinkCheck.Kind.MISSING_FILE, "a file that does not exist");
  }

  @Test
  void every_anchor_names_a_heading_of_the_page_it_points_to() {
    assertNone(LinkCheck.Kind.MISSING_ANCHOR, "a heading that does not exist");
  }

  @Test
  void every_external_link_is_a_well_formed_http_url_and_is_not_fetched() {
    assertNone(LinkCheck.Kind.MALFORMED_URL, "a malformed URL");
  }

  @Test
  void the_check_covers_the_readme_the_changelog_and_every_page_under_docs() throws Exception {
    List<String> pages =
        new LinkCheck(ROOT).pages().stream().map(p -> ROOT.relativize(p).toString()).toList();

    assertThat(pages).contains("README.md", "CHANGELOG.md", "docs/README.md");
    try (var all = Files.walk(ROOT.resolve("docs"))) {
      assertThat(pages)
          .containsAll(
              all.filter(p -> p.toString().endsWith(".md"))
                  .map(p -> ROOT.relativize(p).toString())
                  .toList());
    }
  }

  @Test
  void heading_anchors_follow_githubs_slug_rules() {
    GitHubSlugs slugs = new GitHubSlugs();

    assertThat(slugs.next("Storage: nothing acknowledged is lost"))
        .isEqualTo("storage-nothing-acknowledged-is-lost");
    assertThat(slugs.next("What `./stratum demo` does")).isEqualTo("what-stratum-demo-does");
    assertThat(slugs.next("Workspaces & roles")).isEqualTo("workspaces--roles");
    assertThat(slugs.next("`GET /api/workspaces/{ws}/search`"))
        .isEqualTo("get-apiworkspaceswssearch");
    assertThat(slugs.next("The [sim](simulator.md) and **`stratum_node_id`**"))
        .isEqualTo("the-sim-and-stratum_node_id");
    assertThat(slugs.next("ADR-0002: State in SQLite (WAL)"))
        .isEqualTo("adr-0002-state-in-sqlite-wal");
    assertThat(slugs.next("Ünïcode ✓")).isEqualTo("ünïcode-");
    assertThat(slugs.next("Example")).isEqualTo("example");
    assertThat(slugs.next("Example")).isEqualTo("example-1");
    assertThat(slugs.next("Example")).isEqualTo("example-2");
  }

  @Test
  void links_in_code_blocks_code_spans_and_comments_are_not_links() throws Exception {
    Path page =
        write(
            "page.md",
            """
            # Title

            ```bash
            [not a link](missing-in-a-fence.md)
            ```

            A `[span](missing-in-a-span.md)` and a span that wraps ``a
            [wrapped](missing-in-a-wrapped-span.md)`` and <!-- [hidden](missing.md) -->.

            ~~~
            ## Not a heading
            ~~~
            [real](#title) and [broken](#not-a-heading)
            """);

    assertThat(new LinkCheck(dir).problems(page))
        .extracting(Object::toString)
        .containsExactly(
            "page.md:13: (#not-a-heading) no heading with anchor #not-a-heading in page.md");
  }

  @Test
  void a_broken_link_is_reported_with_its_file_line_and_reason() throws Exception {
    write("docs/guide.md", "# Guide\n\n## Step one\n");
    Files.createDirectories(dir.resolve("docs/images"));
    Files.write(dir.resolve("docs/images/ok.png"), new byte[] {1});
    Path page =
        write(
            "docs/index.md",
            """
            # Index
            See [the guide](guide.md), [step one](guide.md#step-one) and ![ok](images/ok.png).
            See [a typo](guid.md) and [a missing step](guide.md#step-two).
            ![missing](images/ui.png) [outside](../../etc/passwd) [self](#index)
            [web](https://example.com/a_(b)) [bad](https://exa mple.com) [no host](http:///x)
            [mail](mailto:security@example.com) [ftp](ftp://example.com/x) <https://example.com>

            [ref]: guide.md#nowhere
            """);

    assertThat(new LinkCheck(dir).problems(page))
        .extracting(Object::toString)
        .containsExactly(
            "docs/index.md:3: (guid.md) no such file: docs/guid.md",
            "docs/index.md:3: (guide.md#step-two) no heading with anchor #step-two in"
                + " docs/guide.md",
            "docs/index.md:4: (images/ui.png) no such file: docs/images/ui.png",
            "docs/index.md:4: (../../etc/passwd) points outside the repository",
            "docs/index.md:5: (https://exa mple.com) not a well-formed URL: Illegal character in"
                + " authority",
            "docs/index.md:5: (http:///x) not a well-formed URL: no host",
            "docs/index.md:6: (ftp://example.com/x) an external link must be http(s) or mailto,"
                + " got ftp:",
            "docs/index.md:8: (guide.md#nowhere) no heading with anchor #nowhere in docs/guide.md");
  }

  private void assertNone(LinkCheck.Kind kind, String what) {
    List<LinkCheck.Problem> problems =
        new LinkCheck(ROOT).problems().stream().filter(p -> p.kind() == kind).toList();

    assertThat(problems)
        .withFailMessage(
            "%d link(s) point to %s:%n%s",
            problems.size(),
            what,
            problems.stream().map(p -> "  " + p).collect(Collectors.joining("\n")))
        .isEmpty();
  }

  private Path write(String name, String text) throws Exception {
    Path file = dir.resolve(name);
    Files.createDirectories(file.getParent());
    Files.writeString(file, text);
    return file;
  }
}
