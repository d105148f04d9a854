package io.stratum.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.stratum.chunk.Chunk;
import io.stratum.corpus.SourceDocument;
import io.stratum.embed.Embedder;
import io.stratum.retrieval.Passage;
import io.stratum.retrieval.Retriever;
import io.stratum.testing.TermEmbedder;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What every {@link CorpusIndex} promises retrieval, whichever engine holds it: the embedded Lucene
 * index and OpenSearch each run this suite in a subclass. Scope, kind and lane filters hold in both
 * searches; an exact identifier wins; replace and delete take effect at commit; an index built by
 * another model is refused; a selective filter still gives k hits; the fusion weights decide; a
 * commit of hundreds of documents goes through whole.
 */
public abstract class CorpusIndexContract {
  protected final TermEmbedder embedder = new TermEmbedder();
  private final List<CorpusIndex> opened = new ArrayList<>();

  /**
   * Opens this test's index with {@code embedder}: the same index on every call of one test, as a
   * restarted process would open it, and a fresh, empty one for each test.
   */
  protected abstract CorpusIndex open(Embedder embedder);

  /** This test's index, opened with the suite's embedder (closed after the test). */
  protected final CorpusIndex index() {
    if (opened.isEmpty()) {
      opened.add(open(embedder));
    }
    return opened.get(0);
  }

  @AfterEach
  void closeIndexes() {
    opened.forEach(CorpusIndex::close);
    opened.clear();
  }

  static SourceDocument doc(String workspace, String name, String kind, Map<String, String> meta) {
    return new SourceDocument(
        workspace + ":" + name, workspace, kind, name + ".md", name, "", "", "", "h", meta);
  }

  /** Adds a document of one chunk per text, uncommitted. */
  protected final void add(String workspace, String name, String kind, String... texts) {
    add(doc(workspace, name, kind, Map.of()), texts);
  }

  protected final void add(SourceDocument doc, String... texts) {
    List<IndexedChunk> chunks = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      chunks.add(new IndexedChunk(new Chunk(i, List.of(doc.title()), texts[i]), vector(texts[i])));
    }
    index().replace(doc, chunks);
  }

  private float[] vector(String text) {
    return embedder.embedPassages(List.of(text)).get(0);
  }

  private static Scope scope(String... workspaces) {
    return Scope.of(Set.of(workspaces));
  }

  private List<String> lexicalDocs(String q, Scope scope, String lane, int k) {
    return index().lexical(q, scope, lane, k).stream().map(Hit::documentId).toList();
  }

  private List<String> vectorDocs(String q, Scope scope, String lane, int k) {
    return index().vector(embedder.embedQuery(q), scope, lane, k).stream()
        .map(Hit::documentId)
        .toList();
  }

  private List<String> retrieved(String q, Scope scope, Retriever.Fusion fusion) {
    return new Retriever(index(), null, fusion)
        .retrieve(q, scope, 5, Retriever.CANDIDATES).passages().stream()
            .map(Passage::documentId)
            .toList();
  }

  @Test
  public void an_exact_identifier_ranks_its_document_first_over_documents_that_only_share_words() {
    add(
        doc("sec", "ac-2", "oscal", Map.of("identifiers", "AC-2")),
        "The organization manages system accounts.");
    for (String n : List.of("a", "b", "c", "d", "e")) {
      add("sec", "accounts-" + n, "markdown", "Accounts require account reviews.");
    }
    index().commit();

    String q = "What does AC-2 require for accounts?";
    assertThat(lexicalDocs(q, scope("sec"), null, 3)).first().isEqualTo("sec:ac-2");
    assertThat(index().lexical(q, scope("sec"), null, 2))
        .extracting(Hit::score)
        .satisfies(s -> assertThat(s.get(0)).isGreaterThan(5 * s.get(1)));
  }

  @Test
  public void a_chunk_of_another_workspace_is_never_returned_even_when_it_is_the_best_match() {
    add("secret", "keys", "markdown", "master key rotation schedule for the payment keys");
    for (int i = 0; i < 30; i++) {
      add("ops", "note-" + i, "markdown", "deploy note " + i + " mentions a key once");
    }
    index().commit();
    String q = "master key rotation schedule for the payment keys";

    assertThat(lexicalDocs(q, scope("ops"), null, 50))
        .hasSize(30)
        .allMatch(d -> d.startsWith("ops:"));
    assertThat(vectorDocs(q, scope("ops"), null, 50))
        .hasSize(30)
        .allMatch(d -> d.startsWith("ops:"));
    assertThat(retrieved(q, scope("ops"), Retriever.Fusion.RRF))
        .allMatch(d -> d.startsWith("ops:"));
    // Where it may be seen, it is the best match in both lists.
    assertThat(lexicalDocs(q, scope("ops", "secret"), null, 1)).containsExactly("secret:keys");
    assertThat(vectorDocs(q, scope("ops", "secret"), null, 1)).containsExactly("secret:keys");
  }

  @Test
  public void an_empty_scope_finds_nothing() {
    add("ops", "a", "markdown", "alpha");
    index().commit();

    assertThat(index().lexical("alpha", Scope.of(Set.of()), null, 10)).isEmpty();
    assertThat(index().vector(embedder.embedQuery("alpha"), Scope.of(Set.of()), null, 10))
        .isEmpty();
    assertThat(index().hasLane(Scope.of(Set.of()), CorpusIndex.DOCS_LANE)).isFalse();
  }

  @Test
  public void a_kind_filter_keeps_only_documents_of_those_kinds_in_both_searches() {
    add("ops", "runbook", "runbook", "restart the ingest worker");
    add("ops", "ticket", "jira", "restart the ingest worker please");
    add("ops", "adr", "adr", "we restart the ingest worker nightly");
    index().commit();
    Scope runbooksAndAdrs = new Scope(Set.of("ops"), Set.of("runbook", "adr"));

    assertThat(lexicalDocs("restart ingest worker", runbooksAndAdrs, null, 10))
        .containsExactlyInAnyOrder("ops:runbook", "ops:adr");
    assertThat(vectorDocs("restart ingest worker", runbooksAndAdrs, null, 10))
        .containsExactlyInAnyOrder("ops:runbook", "ops:adr");
  }

  @Test
  public void a_lane_keeps_only_its_chunks_and_has_lane_says_which_lanes_a_scope_holds() {
    add("eng", "Parser", "code", "class Parser parses tokens");
    add("eng", "parsing", "markdown", "how the parser parses tokens");
    add("docs-only", "guide", "markdown", "parses tokens");
    index().commit();

    assertThat(lexicalDocs("parser tokens", scope("eng"), CorpusIndex.CODE_LANE, 10))
        .containsExactly("eng:Parser");
    assertThat(vectorDocs("parser tokens", scope("eng"), CorpusIndex.DOCS_LANE, 10))
        .containsExactly("eng:parsing");
    assertThat(index().hasLane(scope("eng"), CorpusIndex.CODE_LANE)).isTrue();
    assertThat(index().hasLane(scope("docs-only"), CorpusIndex.CODE_LANE)).isFalse();
    assertThat(index().hasLane(scope("docs-only"), CorpusIndex.DOCS_LANE)).isTrue();
  }

  @Test
  public void a_selective_filter_still_returns_k_hits_in_both_searches() {
    for (int i = 0; i < 300; i++) {
      add("big", "b" + i, "markdown", "key rotation procedure number " + i);
    }
    for (int i = 0; i < 12; i++) {
      add("small", "s" + i, "markdown", "an unrelated note about lunch " + i);
    }
    index().commit();

    // The question matches the big workspace best; only the small one is in scope.
    assertThat(vectorDocs("key rotation procedure", scope("small"), null, 10))
        .hasSize(10)
        .allMatch(d -> d.startsWith("small:"));
    assertThat(lexicalDocs("key rotation lunch", scope("small"), null, 10))
        .hasSize(10)
        .allMatch(d -> d.startsWith("small:"));
  }

  @Test
  public void fusion_weights_decide_between_the_lexical_and_the_vector_favourite() {
    // Both terms, diluted by many others: BM25's favourite, far from the question as a vector.
    add("ops", "lexical", "markdown", "alpha beta gamma delta epsilon zeta");
    // One term, repeated: the question's nearest vector, a weaker BM25 match.
    add("ops", "vector", "markdown", "alpha alpha alpha");
    for (int i = 0; i < 5; i++) {
      add("ops", "other-" + i, "markdown", "unrelated filler text number " + i);
    }
    index().commit();
    String q = "alpha beta";

    assertThat(lexicalDocs(q, scope("ops"), null, 1)).containsExactly("ops:lexical");
    assertThat(vectorDocs(q, scope("ops"), null, 1)).containsExactly("ops:vector");
    assertThat(retrieved(q, scope("ops"), new Retriever.Fusion(60, 1, 0)))
        .first()
        .isEqualTo("ops:lexical");
    assertThat(retrieved(q, scope("ops"), new Retriever.Fusion(60, 1, 0.2)))
        .first()
        .isEqualTo("ops:lexical");
    assertThat(retrieved(q, scope("ops"), new Retriever.Fusion(60, 0.2, 1)))
        .first()
        .isEqualTo("ops:vector");
  }

  @Test
  public void words_meet_their_stems_and_stop_words_do_not_count() {
    add("ops", "rotation", "markdown", "Rotating the team's signing keys");
    add("ops", "other", "markdown", "The deploy was what we did");
    index().commit();

    assertThat(lexicalDocs("How do we rotate a signing key?", scope("ops"), null, 10))
        .containsExactly("ops:rotation");
    assertThat(lexicalDocs("what did we do", scope("ops"), null, 10)).isEmpty();
  }

  @Test
  public void a_vector_hit_scores_its_cosine_similarity() {
    add("ops", "a", "markdown", "alpha beta");
    index().commit();

    assertThat(index().vector(vector("alpha beta"), scope("ops"), null, 1))
        .singleElement()
        .satisfies(h -> assertThat(h.score()).isCloseTo(1.0f, within(1e-3f)));
  }

  @Test
  public void a_hit_carries_the_stored_fields_of_its_chunk() {
    add(
        new SourceDocument(
            "ops:guide",
            "ops",
            "markdown",
            "guides/guide.md",
            "The guide",
            "superseded",
            "",
            "",
            "h",
            Map.of()),
        "first part",
        "second part about alpha");
    index().commit();

    assertThat(index().lexical("alpha", scope("ops"), null, 10))
        .singleElement()
        .satisfies(
            h -> {
              assertThat(h.chunkId()).isEqualTo("ops:guide#1");
              assertThat(h.documentId()).isEqualTo("ops:guide");
              assertThat(h.workspace()).isEqualTo("ops");
              assertThat(h.title()).isEqualTo("The guide");
              assertThat(h.heading()).isEqualTo("The guide");
              assertThat(h.path()).isEqualTo("guides/guide.md");
              assertThat(h.status()).isEqualTo("superseded");
              assertThat(h.text()).isEqualTo("second part about alpha");
            });
  }

  @Test
  public void replacing_a_document_replaces_all_its_chunks() {
    add("ops", "a", "markdown", "alpha one", "alpha two", "alpha three");
    index().commit();
    add("ops", "a", "markdown", "alpha four");
    index().commit();

    assertThat(index().size()).isEqualTo(1);
    assertThat(index().lexical("alpha", scope("ops"), null, 10))
        .extracting(Hit::text)
        .containsExactly("alpha four");
    assertThat(index().vector(vector("alpha two"), scope("ops"), null, 10))
        .extracting(Hit::text)
        .containsExactly("alpha four");
  }

  @Test
  public void replacing_a_document_twice_before_a_commit_keeps_the_last_version() {
    add("ops", "a", "markdown", "alpha one", "alpha two", "alpha three");
    index().commit();
    add("ops", "a", "markdown", "alpha four", "alpha five");
    add("ops", "a", "markdown", "alpha six");
    index().commit();

    assertThat(index().lexical("alpha", scope("ops"), null, 10))
        .extracting(Hit::text)
        .containsExactly("alpha six");
  }

  @Test
  public void deleting_a_document_removes_it_from_both_searches() {
    add("ops", "a", "markdown", "alpha");
    add("ops", "b", "markdown", "beta");
    index().commit();
    index().delete("ops:a");
    index().commit();

    assertThat(index().contains("ops:a")).isFalse();
    assertThat(lexicalDocs("alpha", scope("ops"), null, 10)).isEmpty();
    assertThat(vectorDocs("alpha", scope("ops"), null, 10)).containsExactly("ops:b");
  }

  @Test
  public void a_commit_of_many_documents_writes_and_deletes_them_all() {
    // Ingest deletes every document a source dropped in one commit; a rebuild or a large batch
    // writes many. OpenSearch limits a query to 1,024 clauses.
    for (int i = 0; i < 700; i++) {
      add("ops", "d" + i, "markdown", "alpha " + i, "beta " + i);
    }
    index().commit();
    for (int i = 0; i < 700; i++) {
      add("ops", "d" + i, "markdown", "gamma " + i);
    }
    index().commit();
    assertThat(index().size()).isEqualTo(700);
    assertThat(lexicalDocs("beta", scope("ops"), null, 10)).isEmpty();

    for (int i = 0; i < 400; i++) {
      index().delete("ops:d" + i);
    }
    index().commit();

    assertThat(index().size()).isEqualTo(300);
    assertThat(index().contains("ops:d399")).isFalse();
    assertThat(index().contains("ops:d400")).isTrue();
  }

  @Test
  public void deleting_a_workspace_removes_its_chunks_and_no_others() {
    add("ops", "a", "markdown", "alpha", "alpha again");
    add("sec", "b", "markdown", "alpha");
    index().commit();
    index().deleteWorkspace("ops");
    index().commit();

    assertThat(index().size()).isEqualTo(1);
    assertThat(lexicalDocs("alpha", scope("ops", "sec"), null, 10)).containsExactly("sec:b");
  }

  @Test
  public void counts_committed_chunks_and_keeps_them_across_a_reopen() {
    add("ops", "a", "markdown", "alpha", "beta");
    add("ops", "b", "markdown", "gamma");
    index().commit();

    assertThat(index().size()).isEqualTo(3);
    assertThat(index().contains("ops:a")).isTrue();
    assertThat(index().contains("ops:zzz")).isFalse();
    try (CorpusIndex again = open(embedder)) {
      assertThat(again.size()).isEqualTo(3);
      assertThat(again.lexical("gamma", scope("ops"), null, 10))
          .extracting(Hit::documentId)
          .containsExactly("ops:b");
    }
  }

  @Test
  public void opening_an_index_built_by_another_embedding_model_is_refused() {
    add("ops", "a", "markdown", "alpha");
    index().commit();

    assertThatThrownBy(() -> open(new TermEmbedder("other-model", 32)).close())
        .isInstanceOf(IndexMismatchException.class)
        .hasMessageContaining(
            "was built with embedding model term-hash-64 (64 dimensions), but this run uses"
                + " other-model (32 dimensions)");
  }

  @Test
  public void rejects_a_vector_of_the_wrong_dimension_naming_the_chunk() {
    IndexedChunk wrong = new IndexedChunk(new Chunk(3, List.of("t"), "x"), new float[8]);

    assertThatThrownBy(() -> index().replace(doc("ops", "a", "markdown", Map.of()), List.of(wrong)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("vector for chunk 3 of ops:a has 8 dimensions, the index takes 64");
  }
}
