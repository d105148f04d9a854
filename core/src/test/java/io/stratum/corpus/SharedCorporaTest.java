package io.stratum.corpus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.stratum.chunk.Chunk;
import io.stratum.chunk.Chunker;
import io.stratum.index.CorpusIndex;
import io.stratum.index.Hit;
import io.stratum.index.IndexedChunk;
import io.stratum.index.LuceneIndex;
import io.stratum.testing.TermEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The connectors on the real public corpora in ../shared/data/corpora. */
class SharedCorporaTest {
  static final Path CORPORA =
      Path.of(System.getProperty("stratum.shared", "../../shared"), "data", "corpora");

  private static Path corpus(String name) {
    Path p = CORPORA.resolve(name);
    assumeTrue(Files.isDirectory(p), p + " is not beside the checkout");
    return p;
  }

  private static SourceDocument byPath(Scan scan, String suffix) {
    return scan.documents().stream()
        .filter(d -> d.path().endsWith(suffix))
        .findFirst()
        .orElseThrow();
  }

  @Test
  void adr_connector_reads_status_date_number_and_successor_of_the_govuk_adrs() {
    Scan scan =
        AdrConnector.into(
                corpus("govuk-aws-adrs").resolve("docs/architecture/decisions"), "platform")
            .scan();

    assertThat(scan.problems()).isEmpty();
    assertThat(scan.documents()).hasSize(38);
    SourceDocument hosting = byPath(scan, "0002-hosting-platforms.md");
    assertThat(hosting.status()).isEqualTo("accepted");
    assertThat(hosting.metadata())
        .containsEntry("adr", "ADR-0002")
        .containsEntry("date", "2017-06-30");
    assertThat(hosting.sourceKind()).isEqualTo("adr");
    List<SourceDocument> superseded =
        scan.documents().stream().filter(SourceDocument::superseded).toList();
    assertThat(superseded).isNotEmpty();
    assertThat(superseded.get(0).metadata().get("superseded_by"))
        .isEqualTo("0015-dns-infrastructure.md");
    assertThat(superseded.get(0).body()).startsWith("> Superseded by 0015-dns-infrastructure.md.");
    Map<String, Long> statuses =
        scan.documents().stream()
            .collect(Collectors.groupingBy(SourceDocument::status, Collectors.counting()));
    assertThat(statuses).containsEntry("accepted", 28L).containsEntry("pending", 6L);
  }

  @Test
  void runbook_connector_names_each_alert_of_the_kube_prometheus_runbooks() {
    Scan scan =
        RunbookConnector.into(
                corpus("prometheus-operator-runbooks").resolve("content/runbooks"), "ops")
            .scan();

    assertThat(scan.problems()).isEmpty();
    assertThat(scan.documents()).hasSizeGreaterThanOrEqualTo(110);
    SourceDocument pod = byPath(scan, "kubernetes/KubePodNotReady.md");
    assertThat(pod.metadata()).containsEntry("alert", "KubePodNotReady");
    assertThat(pod.title()).isEqualTo("Kube Pod Not Ready (KubePodNotReady)");
    assertThat(pod.sourceKind()).isEqualTo("runbook");
  }

  @Test
  void oscal_connector_makes_one_document_per_control_and_enhancement_with_parameters_resolved() {
    Path catalog =
        corpus("nist-800-53-rev5-oscal")
            .resolve("NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog.json");

    Scan scan = OscalConnector.into(catalog, "compliance").scan();

    assertThat(scan.problems()).isEmpty();
    assertThat(scan.documents()).hasSize(177 + 110);
    SourceDocument ac2 =
        scan.documents().stream().filter(d -> d.path().equals("ac-2")).findFirst().orElseThrow();
    assertThat(ac2.title()).isEqualTo("AC-2 Account Management");
    assertThat(ac2.body())
        .contains(
            "- c. Require [Assignment: organization-defined prerequisites and criteria] for group and role membership;");
    assertThat(ac2.body()).doesNotContain("{{ insert");
    assertThat(ac2.body()).contains("## Statement").contains("## Guidance");
    SourceDocument enh =
        scan.documents().stream().filter(d -> d.path().equals("ac-2.1")).findFirst().orElseThrow();
    assertThat(enh.title()).isEqualTo("AC-2(1) Automated System Account Management");
    assertThat(enh.metadata())
        .containsEntry("control", "AC-2(1)")
        .containsEntry("family", "Access Control");
  }

  @Test
  void a_question_naming_a_control_finds_it_exactly(@TempDir Path dir) {
    Path catalog =
        corpus("nist-800-53-rev5-oscal")
            .resolve("NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog.json");
    Scan scan = OscalConnector.into(catalog, "compliance").scan();
    TermEmbedder e = new TermEmbedder();
    try (CorpusIndex index = LuceneIndex.open(dir, e)) {
      Chunker chunker = new Chunker(1200);
      for (SourceDocument d : scan.documents()) {
        List<IndexedChunk> chunks = new ArrayList<>();
        for (Chunk c : chunker.split(d.title(), d.body())) {
          chunks.add(new IndexedChunk(c, e.embedQuery(c.embeddingText())));
        }
        index.replace(d, chunks);
      }
      index.commit();

      List<Hit> hits = index.lexical("What does AC-2(1) require?", Set.of("compliance"), 5);
      List<Hit> cm = index.lexical("cm-3", Set.of("compliance"), 5);

      assertThat(hits.get(0).title()).isEqualTo("AC-2(1) Automated System Account Management");
      assertThat(cm.get(0).title()).isEqualTo("CM-3 Configuration Change Control");
    }
  }

  @Test
  void identifiers_are_normalized_for_exact_matching() {
    assertThat(Identifiers.in("See AC-2 (1), ADR-0007 and KubePodNotReady."))
        .containsExactly("ac-2", "ac-2(1)", "adr-7", "kubepodnotready");
  }
}
