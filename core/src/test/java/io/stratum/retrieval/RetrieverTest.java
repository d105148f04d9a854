package io.stratum.retrieval;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.chunk.Chunk;
import io.stratum.corpus.SourceDocument;
import io.stratum.index.CorpusIndex;
import io.stratum.index.Hit;
import io.stratum.index.IndexedChunk;
import io.stratum.index.LuceneIndex;
import io.stratum.index.Scope;
import io.stratum.rerank.RerankException;
import io.stratum.rerank.Reranker;
import io.stratum.testing.TermEmbedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrieverTest {
  @TempDir Path dir;
  private final TermEmbedder embedder = new TermEmbedder();
  private CorpusIndex index;
  private Retriever retriever;

  @BeforeEach
  void open() {
    index = LuceneIndex.open(dir, embedder);
    retriever = new Retriever(index);
  }

  @AfterEach
  void close() {
    index.close();
  }

  private void add(String ws, String name, String status, String text) {
    add(ws, name, status, text, "markdown");
  }

  private void add(String ws, String name, String status, String text, String kind) {
    SourceDocument doc =
        new SourceDocument(ws + ":" + name, ws, kind, name, name, status, "", text, "h", Map.of());
    Chunk chunk = new Chunk(0, List.of(name), text);
    index.replace(
        doc, List.of(new IndexedChunk(chunk, embedder.embedPassages(List.of(text)).get(0))));
  }

  @Test
  void never_returns_a_chunk_outside_the_scope_even_when_it_matches_best() {
    for (int i = 0; i < 40; i++) {
      add("security", "keys-" + i, "", "key rotation every 365 days for master keys");
    }
    add("operations", "deploys", "", "rollback of a bad deploy, with a key rotation aside");
    index.commit();

    Retrieval r = retriever.retrieve("key rotation", Set.of("operations"), 5);

    assertThat(r.passages()).extracting(Passage::workspace).containsOnly("operations");
    assertThat(r.passages()).hasSize(1);
  }

  @Test
  void a_chunk_whose_document_is_not_stored_yet_is_left_out_and_the_next_one_takes_its_place() {
    add("ops", "failover", "", "promote the standby database during a failover");
    add("ops", "failover-drill", "", "the failover drill promotes the standby every quarter");
    index.commit();
    List<List<String>> asked = new ArrayList<>();
    Retriever storedOnly =
        new Retriever(
            index,
            null,
            Retriever.Fusion.RRF,
            ids -> {
              asked.add(List.copyOf(ids));
              return Set.of("ops:failover-drill");
            });

    Retrieval r = storedOnly.retrieve("failover standby", Set.of("ops"), 2);

    assertThat(r.passages()).extracting(Passage::documentId).containsExactly("ops:failover-drill");
    assertThat(r.passages().get(0).rank()).isEqualTo(1);
    assertThat(asked).singleElement().asList().hasSize(2);
  }

  private static final String RTO_QUESTION = "What is the RTO of the ledger database?";

  @Test
  void an_acronym_the_documents_spell_out_finds_the_passage_that_spells_it() {
    add("ops", "expectations", "", "the recovery time objective is fifteen minutes");
    for (int i = 0; i < 3; i++) {
      add("ops", "ledger-" + i, "", "the ledger database stores balances, note " + i);
    }
    index.commit();

    Retrieval r = retriever.retrieve(RTO_QUESTION, Set.of("ops"), 1);

    assertThat(r.passages()).extracting(Passage::documentId).containsExactly("ops:expectations");
    assertThat(r.question()).isEqualTo(RTO_QUESTION);
  }

  @Test
  void an_acronym_a_document_contains_is_searched_as_written() {
    add("ops", "written", "", "the RTO of the ledger database is fifteen minutes");
    add("ops", "spelled", "", "the recovery time objective of the ledger database");
    index.commit();

    assertThat(retriever.retrieve(RTO_QUESTION, Set.of("ops"), 1).passages())
        .extracting(Passage::documentId)
        .containsExactly("ops:written");
  }

  @Test
  void fuses_lexical_and_vector_ranks_and_numbers_passages_from_one() {
    add("ops", "failover", "", "promote the standby database during failover");
    add("ops", "latency", "", "payments latency is high when the pool saturates");
    index.commit();

    Retrieval r = retriever.retrieve("database failover", Set.of("ops"), 5);

    assertThat(r.passages().get(0).documentId()).isEqualTo("ops:failover");
    assertThat(r.passages()).extracting(Passage::rank).startsWith(1);
    double expectedTop = 2.0 / (Retriever.RRF_K + 1); // first in both lists
    assertThat(r.passages().get(0).score()).isEqualTo(expectedTop);
    assertThat(r.passages().get(0).cosine()).isGreaterThan(0.5);
  }

  /** Scores a passage by how many times it says "alpha"; records what it was asked. */
  private static final class AlphaReranker implements Reranker {
    final List<List<String>> calls = new ArrayList<>();
    boolean fail;

    @Override
    public String modelId() {
      return "alpha-counter";
    }

    @Override
    public double[] score(String query, List<String> documents) {
      calls.add(documents);
      if (fail) {
        throw new RerankException("ThrottlingException: slow down", null);
      }
      return documents.stream().mapToDouble(d -> d.split("alpha", -1).length - 1).toArray();
    }
  }

  @Test
  void a_reranker_reorders_the_fused_candidates_and_ranks_are_renumbered() {
    add("ops", "first", "", "database failover steps for the database failover drill");
    add("ops", "second", "", "database failover alpha");
    add("ops", "third", "", "database failover alpha alpha");
    index.commit();
    AlphaReranker reranker = new AlphaReranker();

    Retrieval r = new Retriever(index, reranker).retrieve("database failover", Set.of("ops"), 2);

    assertThat(r.passages())
        .extracting(Passage::documentId)
        .containsExactly("ops:third", "ops:second");
    assertThat(r.passages()).extracting(Passage::rank).containsExactly(1, 2);
    assertThat(r.passages()).extracting(Passage::score).containsExactly(2.0, 1.0);
    assertThat(reranker.calls).hasSize(1);
    assertThat(reranker.calls.get(0)).hasSize(3); // all candidates, not just k
  }

  @Test
  void when_the_reranker_fails_the_fused_order_stands() {
    add("ops", "first", "", "database failover steps for the database failover drill");
    add("ops", "second", "", "database failover alpha alpha");
    index.commit();
    AlphaReranker reranker = new AlphaReranker();
    reranker.fail = true;

    Retrieval fused = retriever.retrieve("database failover", Set.of("ops"), 2);
    Retrieval r = new Retriever(index, reranker).retrieve("database failover", Set.of("ops"), 2);

    assertThat(r.passages())
        .extracting(Passage::documentId)
        .containsExactlyElementsOf(fused.passages().stream().map(Passage::documentId).toList());
    assertThat(reranker.calls).hasSize(1);
  }

  @Test
  void a_reranked_superseded_document_still_ranks_below_its_successor() {
    add("security", "adr-0002", "superseded", "sessions in redis alpha alpha");
    add("security", "adr-0005", "accepted", "sessions use tokens alpha alpha");
    index.commit();

    Retrieval r =
        new Retriever(index, new AlphaReranker()).retrieve("sessions redis", Set.of("security"), 2);

    assertThat(r.passages())
        .extracting(Passage::documentId)
        .containsExactly("security:adr-0005", "security:adr-0002");
  }

  @Test
  void a_source_kind_filter_keeps_other_kinds_out_even_when_they_match_best() {
    for (int i = 0; i < 10; i++) {
      add("ops", "ticket-" + i, "", "database failover database failover ticket", "jira");
    }
    add("ops", "runbook", "", "promote the standby during a database failover", "runbook");
    index.commit();

    Retrieval r =
        retriever.retrieve("database failover", new Scope(Set.of("ops"), Set.of("runbook")), 5, 50);

    assertThat(r.passages()).extracting(Passage::documentId).containsExactly("ops:runbook");
  }

  @Test
  void weighted_fusion_with_no_vector_weight_follows_the_bm25_order() {
    add("ops", "a", "", "failover failover failover");
    add("ops", "b", "", "failover of the database");
    index.commit();
    Retriever lexicalOnly = new Retriever(index, null, new Retriever.Fusion(10, 1.0, 0.0));

    Retrieval r = lexicalOnly.retrieve("failover", Set.of("ops"), 2);
    List<String> bm25 =
        index.lexical("failover", Set.of("ops"), 2).stream().map(Hit::documentId).toList();

    assertThat(r.passages()).extracting(Passage::documentId).containsExactlyElementsOf(bm25);
    assertThat(r.passages().get(0).score()).isEqualTo(1.0 / 11);
  }

  @Test
  void fusion_settings_are_checked_with_the_bad_value_named() {
    assertThatThrownBy(() -> new Retriever.Fusion(0, 1, 1))
        .hasMessage("fusion k: expected a number >= 1, got 0");
    assertThatThrownBy(() -> new Retriever.Fusion(60, 0, 0))
        .hasMessage(
            "fusion weights: expected numbers >= 0, not both 0, got lexical 0.0 and vector 0.0");
  }

  @Test
  void ranks_a_superseded_document_below_its_successor() {
    add("security", "adr-0002", "superseded", "sessions are stored in redis for eight hours");
    add("security", "adr-0005", "accepted", "sessions use access tokens instead of redis");
    index.commit();

    Retrieval r = retriever.retrieve("sessions stored in redis", Set.of("security"), 2);

    assertThat(r.passages())
        .extracting(Passage::documentId)
        .containsExactly("security:adr-0005", "security:adr-0002");
    assertThat(r.passages().get(1).superseded()).isTrue();
  }

  @Test
  void an_empty_scope_finds_nothing() {
    add("ops", "a", "", "anything at all");
    index.commit();

    assertThat(retriever.retrieve("anything", Set.of(), 5).passages()).isEmpty();
  }

  @Test
  void rejects_a_k_below_one() {
    assertThatThrownBy(() -> retriever.retrieve("q", Set.of("ops"), 0))
        .hasMessage("k must be at least 1, got 0");
  }

  @Test
  void the_code_lane_keeps_its_best_candidates_when_prose_would_crowd_them_out() {
    for (int i = 0; i < 60; i++) {
      add(
          "eng",
          "doc-" + i,
          "",
          "key rotation policy key rotation schedule key rotation owner " + i);
    }
    add("eng", "KeyRotator.java", "", "class KeyRotator rotates a key", "code");
    index.commit();

    Retrieval r = retriever.retrieve("key rotation", Set.of("eng"), 5, 10);

    assertThat(r.passages()).extracting(Passage::documentId).contains("eng:KeyRotator.java");
  }

  @Test
  void without_code_in_scope_prose_keeps_the_whole_budget() {
    for (int i = 0; i < 30; i++) {
      add("eng", "doc-" + i, "", "key rotation " + i);
    }
    index.commit();

    assertThat(index.hasLane(Set.of("eng"), CorpusIndex.CODE_LANE)).isFalse();
    assertThat(retriever.retrieve("key rotation", Set.of("eng"), 30, 30).passages()).hasSize(30);
  }
}
