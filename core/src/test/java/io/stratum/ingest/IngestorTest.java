package io.stratum.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.chunk.Chunker;
import io.stratum.corpus.Connector;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.corpus.Scan;
import io.stratum.corpus.ScanProblem;
import io.stratum.corpus.SourceDocument;
import io.stratum.embed.Embedder;
import io.stratum.index.CorpusIndex;
import io.stratum.index.LuceneIndex;
import io.stratum.store.TestDatabases;
import io.stratum.store.TestStores;
import io.stratum.testing.Corpus;
import io.stratum.testing.TermEmbedder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IngestorTest {
  @TempDir Path data;
  @TempDir Path docs;

  /** Counts how many passages it embedded, so tests can prove "no work". */
  static class CountingEmbedder implements Embedder {
    final TermEmbedder inner = new TermEmbedder();
    final AtomicInteger embedded = new AtomicInteger();

    @Override
    public String modelId() {
      return inner.modelId();
    }

    @Override
    public int dimension() {
      return inner.dimension();
    }

    @Override
    public double relevanceFloor() {
      return inner.relevanceFloor();
    }

    @Override
    public float[] embedQuery(String query) {
      return inner.embedQuery(query);
    }

    @Override
    public List<float[]> embedPassages(List<String> passages) {
      embedded.addAndGet(passages.size());
      return inner.embedPassages(passages);
    }
  }

  private IngestReport run(Embedder embedder) {
    try (TestStores store = TestStores.open(TestDatabases.Engine.SQLITE, data);
        CorpusIndex index = LuceneIndex.open(data.resolve("index"), embedder)) {
      return new Ingestor(store.workspaces, store.documents, index, new Chunker(400))
          .ingest(MarkdownConnector.byDirectory(docs), p -> {});
    }
  }

  private int indexed(String query) {
    try (CorpusIndex index = LuceneIndex.open(data.resolve("index"), new TermEmbedder())) {
      return index.lexical(query, Set.of("ops", "security"), 100).size();
    }
  }

  /** A change-tracking source: each run hands out the scan a test prepared for its cursor. */
  private static final class TrackedSource implements Connector {
    final Map<String, Scan> byCursor = new HashMap<>();
    final List<String> askedWith = new ArrayList<>();

    @Override
    public String name() {
      return "tracked:ops";
    }

    @Override
    public Scan scan() {
      return scan(null);
    }

    @Override
    public Scan scan(String cursor) {
      askedWith.add(cursor);
      return byCursor.get(String.valueOf(cursor));
    }
  }

  private static SourceDocument tracked(String key, String text) {
    return new SourceDocument(
        "ops:t/" + key, "ops", "jira", key, key, "", "", text, "h" + text.hashCode(), Map.of());
  }

  private IngestReport run(Connector source) {
    try (TestStores store = TestStores.open(TestDatabases.Engine.SQLITE, data);
        CorpusIndex index = LuceneIndex.open(data.resolve("index"), new TermEmbedder())) {
      return new Ingestor(store.workspaces, store.documents, index, new Chunker(400))
          .ingest(source, p -> {});
    }
  }

  @Test
  void an_incremental_source_resumes_from_its_saved_cursor_keeps_unfetched_and_drops_gone()
      throws Exception {
    TrackedSource source = new TrackedSource();
    source.byCursor.put(
        "null",
        new Scan(
            List.of(
                tracked("A", "alpha text"), tracked("B", "bravo text"), tracked("C", "charlie")),
            List.of(),
            Set.of(),
            "c1"));
    source.byCursor.put(
        "c1",
        new Scan(List.of(tracked("B", "bravo changed text")), List.of(), Set.of("ops:t/A"), "c2"));
    run(source);

    IngestReport second = run(source);

    assertThat(source.askedWith).containsExactly(null, "c1");
    assertThat(second.updated()).isEqualTo(1);
    assertThat(second.unchanged()).isEqualTo(1);
    assertThat(second.deleted()).isEqualTo(1); // C was in neither list: gone upstream
    assertThat(indexed("alpha")).isEqualTo(1);
    assertThat(indexed("changed")).isEqualTo(1);
    assertThat(indexed("charlie")).isZero();
    try (TestStores store = TestStores.open(TestDatabases.Engine.SQLITE, data)) {
      assertThat(store.cursor("tracked:ops")).contains("c2");
    }
  }

  @Test
  void a_run_with_a_failed_document_does_not_advance_the_cursor() {
    TrackedSource source = new TrackedSource();
    source.byCursor.put(
        "null",
        new Scan(
            List.of(tracked("A", "alpha text")),
            List.of(new ScanProblem("B", "cannot read issue: no summary")),
            Set.of(),
            "c1"));

    run(source);

    try (TestStores store = TestStores.open(TestDatabases.Engine.SQLITE, data)) {
      assertThat(store.cursor("tracked:ops")).isEmpty();
    }
  }

  @Test
  void deleting_the_index_to_re_embed_rebuilds_it_although_the_store_knows_every_hash()
      throws Exception {
    Corpus corpus = new Corpus(docs);
    corpus.write("ops/a.md", "# A\nalpha\n");
    corpus.write("ops/b.md", "# B\nbravo\n");
    run(new TermEmbedder());
    try (Stream<Path> files = Files.walk(data.resolve("index"))) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }

    IngestReport report = run(new TermEmbedder());

    assertThat(report.updated()).isEqualTo(2);
    assertThat(indexed("alpha")).isEqualTo(1);
    assertThat(indexed("bravo")).isEqualTo(1);
  }

  @Test
  void a_second_run_over_unchanged_files_embeds_nothing() {
    Corpus corpus = new Corpus(docs);
    corpus.write("ops/a.md", "# A\n## One\nfailover steps\n## Two\nrollback steps\n");
    corpus.write("security/b.md", "# B\nkey rotation\n");
    CountingEmbedder embedder = new CountingEmbedder();

    IngestReport first = run(embedder);
    int afterFirst = embedder.embedded.get();
    IngestReport second = run(embedder);

    assertThat(first.added()).isEqualTo(2);
    assertThat(first.chunksEmbedded()).isEqualTo(3);
    assertThat(afterFirst).isEqualTo(3);
    assertThat(second.unchanged()).isEqualTo(2);
    assertThat(second.chunksEmbedded()).isZero();
    assertThat(embedder.embedded.get()).isEqualTo(afterFirst);
  }

  @Test
  void a_changed_file_is_re_embedded_and_its_old_chunks_disappear() {
    Corpus corpus = new Corpus(docs);
    corpus.write("ops/a.md", "# A\nold wording about pagers\n");
    run(new TermEmbedder());
    corpus.write("ops/a.md", "# A\nnew wording about escalation\n");

    IngestReport report = run(new TermEmbedder());

    assertThat(report.updated()).isEqualTo(1);
    assertThat(indexed("pagers")).isZero();
    assertThat(indexed("escalation")).isEqualTo(1);
  }

  @Test
  void a_file_deleted_from_the_source_is_removed_from_index_and_store() {
    Corpus corpus = new Corpus(docs);
    corpus.write("ops/a.md", "# A\nalpha\n");
    corpus.write("ops/b.md", "# B\nbravo\n");
    run(new TermEmbedder());
    corpus.delete("ops/b.md");

    IngestReport report = run(new TermEmbedder());

    assertThat(report.deleted()).isEqualTo(1);
    assertThat(indexed("bravo")).isZero();
    try (TestStores store = TestStores.open(TestDatabases.Engine.SQLITE, data)) {
      assertThat(store.document("ops:ops/b.md")).isEmpty();
      assertThat(store.document("ops:ops/a.md")).isPresent();
    }
  }

  @Test
  void a_broken_file_is_reported_the_rest_ingested_and_its_earlier_version_kept() {
    Corpus corpus = new Corpus(docs);
    corpus.write("ops/a.md", "# A\nalpha\n");
    corpus.write("ops/b.md", "# B\nbravo\n");
    run(new TermEmbedder());
    corpus.write("ops/b.md", "---\ntitle: [broken\n---\nbravo changed\n");
    corpus.write("ops/c.md", "# C\ncharlie\n");

    IngestReport report = run(new TermEmbedder());

    assertThat(report.problems()).extracting(ScanProblem::path).containsExactly("ops/b.md");
    assertThat(report.added()).isEqualTo(1);
    assertThat(report.deleted()).isZero();
    assertThat(indexed("bravo")).isEqualTo(1);
    assertThat(indexed("charlie")).isEqualTo(1);
  }

  @Test
  void a_crash_after_indexing_and_before_recording_loses_and_duplicates_nothing() {
    Corpus corpus = new Corpus(docs);
    String filler = "words that fill a section of this document to most of a chunk ".repeat(5);
    for (int i = 0; i < 100; i++) {
      corpus.write(
          "ops/doc-" + i + ".md",
          "# Doc %d\n## One\nunique%d shared %s\n## Two\n%s\n## Three\n%s\n"
              .formatted(i, i, filler, filler, filler));
    }
    // Three chunks a document, so a batch of 64 chunks is 22 documents. Batches 1 and 2 (44
    // documents) are committed and recorded; batch 3 is indexed but not yet recorded when the
    // 4th embedding call crashes, and closing the index commits it anyway.
    Embedder crashing =
        new CountingEmbedder() {
          @Override
          public List<float[]> embedPassages(List<String> passages) {
            if (embedded.incrementAndGet() == 4) {
              throw new OutOfMemoryError("simulated crash");
            }
            return inner.embedPassages(passages);
          }
        };
    assertThatThrownBy(() -> run(crashing)).isInstanceOf(OutOfMemoryError.class);
    assertThat(indexed("shared")).isEqualTo(66);

    CountingEmbedder resumed = new CountingEmbedder();
    IngestReport report = run(resumed);

    assertThat(report.unchanged()).isEqualTo(44);
    assertThat(report.added()).isEqualTo(56);
    assertThat(indexed("shared")).isEqualTo(100);
  }

  @Test
  void documents_are_embedded_in_batches_and_one_bad_document_fails_alone() {
    Corpus corpus = new Corpus(docs);
    for (int i = 0; i < 10; i++) {
      corpus.write("ops/doc-" + i + ".md", "# Doc " + i + "\nunique" + i + " shared text\n");
    }
    CountingEmbedder poisoned =
        new CountingEmbedder() {
          @Override
          public List<float[]> embedPassages(List<String> passages) {
            embedded.incrementAndGet();
            if (passages.stream().anyMatch(p -> p.contains("unique7"))) {
              throw new IllegalArgumentException("input too long");
            }
            return inner.embedPassages(passages);
          }
        };

    IngestReport report = run(poisoned);

    assertThat(poisoned.embedded.get()).isEqualTo(1 + 10); // the batch, then each alone
    assertThat(report.added()).isEqualTo(9);
    assertThat(report.problems())
        .extracting(ScanProblem::path, ScanProblem::reason)
        .containsExactly(Tuple.tuple("ops/doc-7.md", "cannot index: input too long"));
    assertThat(indexed("shared")).isEqualTo(9);
  }

  @Test
  void reports_progress_after_every_document() {
    Corpus corpus = new Corpus(docs);
    corpus.write("ops/a.md", "# A\nalpha\n");
    corpus.write("ops/b.md", "# B\nbravo\n");
    List<IngestProgress> seen = new ArrayList<>();
    try (TestStores store = TestStores.open(TestDatabases.Engine.SQLITE, data);
        CorpusIndex index = LuceneIndex.open(data.resolve("index"), new TermEmbedder())) {
      new Ingestor(store.workspaces, store.documents, index, new Chunker(400))
          .ingest(MarkdownConnector.byDirectory(docs), seen::add);
    }

    assertThat(seen).extracting(IngestProgress::done).containsExactly(1, 2);
    assertThat(seen).extracting(IngestProgress::total).containsOnly(2);
  }

  @Test
  void names_a_workspace_for_display() {
    assertThat(Ingestor.displayName("incident-response")).isEqualTo("Incident response");
  }
}
