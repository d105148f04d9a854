package io.stratum.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.testing.Corpus;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MarkdownConnectorTest {
  @TempDir Path dir;

  @Test
  void reads_front_matter_and_takes_the_workspace_from_the_first_directory() {
    Corpus corpus = new Corpus(dir);
    corpus.write(
        "security/adr-0002.md",
        """
        ---
        title: "ADR-0002: Sessions"
        status: superseded
        supersedes: ADR-0001
        date: 2024-01-01
        ---
        # ADR-0002: Sessions
        Body.
        """);

    Scan scan = MarkdownConnector.byDirectory(dir).scan();

    assertThat(scan.problems()).isEmpty();
    SourceDocument doc = scan.documents().get(0);
    assertThat(doc.id()).isEqualTo("security:security/adr-0002.md");
    assertThat(doc.workspace()).isEqualTo("security");
    assertThat(doc.title()).isEqualTo("ADR-0002: Sessions");
    assertThat(doc.status()).isEqualTo("superseded");
    assertThat(doc.superseded()).isTrue();
    assertThat(doc.supersedes()).isEqualTo("ADR-0001");
    assertThat(doc.metadata()).containsEntry("date", "2024-01-01");
    assertThat(doc.body()).isEqualTo("# ADR-0002: Sessions\nBody.\n");
    assertThat(doc.contentHash()).hasSize(64);
  }

  @Test
  void falls_back_to_the_first_heading_for_a_title() {
    new Corpus(dir).write("runbook.md", "Intro\n# Database failover\ntext\n");

    SourceDocument doc = MarkdownConnector.into(dir, "ops").scan().documents().get(0);

    assertThat(doc.title()).isEqualTo("Database failover");
    assertThat(doc.workspace()).isEqualTo("ops");
    assertThat(doc.id()).isEqualTo("ops:runbook.md");
  }

  @Test
  void front_matter_workspace_wins_over_the_directory() {
    new Corpus(dir).write("security/x.md", "---\nworkspace: compliance\n---\n# X\n");

    assertThat(MarkdownConnector.byDirectory(dir).scan().documents().get(0).workspace())
        .isEqualTo("compliance");
  }

  @Test
  void reports_a_broken_file_with_its_path_and_reads_the_others() {
    Corpus corpus = new Corpus(dir);
    corpus.write("ops/good.md", "# Good\ntext\n");
    corpus.write("ops/bad-yaml.md", "---\ntitle: [unclosed\n---\n# Bad\n");
    corpus.write("ops/unclosed.md", "---\ntitle: x\n# never closed\n");
    corpus.write("loose.md", "# No workspace\n");

    Scan scan = MarkdownConnector.byDirectory(dir).scan();

    assertThat(scan.documents()).extracting(SourceDocument::path).containsExactly("ops/good.md");
    assertThat(scan.problems())
        .extracting(ScanProblem::path)
        .containsExactly("loose.md", "ops/bad-yaml.md", "ops/unclosed.md");
    assertThat(scan.problems().get(0).reason())
        .isEqualTo(
            "no workspace: the file is not in a workspace directory and has no 'workspace' in its"
                + " front matter");
    assertThat(scan.problems().get(1).reason()).startsWith("front matter is not valid YAML");
    assertThat(scan.problems().get(2).reason())
        .isEqualTo("front matter opened with '---' on line 1 is never closed");
  }

  @Test
  void reports_a_file_that_is_not_utf8() throws Exception {
    Files.createDirectories(dir.resolve("ops"));
    Files.write(dir.resolve("ops/latin1.md"), new byte[] {'#', ' ', (byte) 0xE9, '\n'});

    Scan scan = MarkdownConnector.byDirectory(dir).scan();

    assertThat(scan.problems())
        .containsExactly(new ScanProblem("ops/latin1.md", "not valid UTF-8 text"));
  }

  @Test
  void rejects_a_workspace_id_naming_the_value() {
    assertThatThrownBy(() -> MarkdownConnector.into(dir, "Ops Team"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "workspace: expected lower-case letters, digits and '-' (1 to 64, starting with a"
                + " letter or digit), got 'Ops Team'");
  }

  @Test
  void a_missing_root_is_an_error_naming_it() {
    Path missing = dir.resolve("nope");

    assertThatThrownBy(() -> MarkdownConnector.byDirectory(missing).scan())
        .hasMessage("markdown source: not a directory: " + missing);
  }
}
