package io.stratum.index;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.chunk.Chunk;
import io.stratum.corpus.SourceDocument;
import io.stratum.testing.TermEmbedder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CorpusIndexTest {
  @TempDir Path dir;

  static SourceDocument doc(String id) {
    return new SourceDocument(id, "ops", "markdown", id, id, "", "", "", "h", Map.of());
  }

  static List<IndexedChunk> chunks(TermEmbedder e, String... texts) {
    List<IndexedChunk> out = new ArrayList<>();
    for (int i = 0; i < texts.length; i++) {
      out.add(new IndexedChunk(new Chunk(i, List.of("t"), texts[i]), e.embedQuery(texts[i])));
    }
    return out;
  }

  @Test
  void replacing_a_document_replaces_all_its_chunks() {
    TermEmbedder e = new TermEmbedder();
    try (CorpusIndex index = LuceneIndex.open(dir, e)) {
      index.replace(doc("a"), chunks(e, "alpha one", "alpha two", "alpha three"));
      index.commit();
      index.replace(doc("a"), chunks(e, "alpha four"));
      index.commit();

      assertThat(index.size()).isEqualTo(1);
      assertThat(index.lexical("alpha", Set.of("ops"), 10))
          .extracting(Hit::text)
          .containsExactly("alpha four");
    }
  }

  @Test
  void deleting_a_document_removes_it_from_both_searches() {
    TermEmbedder e = new TermEmbedder();
    try (CorpusIndex index = LuceneIndex.open(dir, e)) {
      index.replace(doc("a"), chunks(e, "alpha"));
      index.replace(doc("b"), chunks(e, "beta"));
      index.commit();
      index.delete("a");
      index.commit();

      assertThat(index.lexical("alpha", Set.of("ops"), 10)).isEmpty();
      assertThat(index.vector(e.embedQuery("alpha"), Set.of("ops"), 10))
          .extracting(Hit::documentId)
          .containsExactly("b");
    }
  }

  @Test
  void survives_a_reopen() {
    TermEmbedder e = new TermEmbedder();
    try (CorpusIndex index = LuceneIndex.open(dir, e)) {
      index.replace(doc("a"), chunks(e, "alpha"));
      index.commit();
    }
    try (CorpusIndex index = LuceneIndex.open(dir, e)) {
      assertThat(index.size()).isEqualTo(1);
    }
  }

  @Test
  void opening_with_another_embedding_model_is_an_error_that_says_to_re_embed() {
    TermEmbedder e = new TermEmbedder();
    try (CorpusIndex index = LuceneIndex.open(dir, e)) {
      index.replace(doc("a"), chunks(e, "alpha"));
      index.commit();
    }

    assertRefusedAsAnotherModel(dir);
  }

  /** Opening {@code dir} (built with the 64-d term embedder) with a 32-d model is refused. */
  static void assertRefusedAsAnotherModel(Path dir) {
    assertThatThrownBy(() -> LuceneIndex.open(dir, new TermEmbedder("other-model", 32)))
        .isInstanceOf(IndexMismatchException.class)
        .hasMessage(
            "index at %s was built with embedding model term-hash-64 (64 dimensions), but this run uses other-model (32 dimensions); re-embed by deleting %s and ingesting again"
                .formatted(dir, dir));
  }

  @Test
  void rejects_a_vector_of_the_wrong_dimension_naming_the_chunk() {
    try (CorpusIndex index = LuceneIndex.open(dir, new TermEmbedder())) {
      IndexedChunk wrong = new IndexedChunk(new Chunk(3, List.of("t"), "x"), new float[8]);

      assertThatThrownBy(() -> index.replace(doc("a"), List.of(wrong)))
          .hasMessage("vector for chunk 3 of a has 8 dimensions, the index takes 64");
    }
  }
}
