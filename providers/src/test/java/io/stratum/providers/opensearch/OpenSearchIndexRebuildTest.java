package io.stratum.providers.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.chunk.Chunk;
import io.stratum.corpus.SourceDocument;
import io.stratum.embed.Embedder;
import io.stratum.index.CorpusIndex;
import io.stratum.index.Hit;
import io.stratum.index.IndexedChunk;
import io.stratum.index.TestOpenSearch;
import io.stratum.testing.TermEmbedder;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link OpenSearchIndex#rebuild}: a new index filled beside the old one, the alias moved in one
 * request, the old index deleted; searches through the alias never see an empty index.
 */
class OpenSearchIndexRebuildTest {
  private final TermEmbedder embedder = new TermEmbedder();
  private URI url;
  private String prefix;
  private OpenSearchConnection connection;

  @BeforeEach
  void node() {
    url = TestOpenSearch.url();
    prefix = TestOpenSearch.freshPrefix();
    connection = new OpenSearchConnection(url, new OpenSearchConnection.None());
  }

  @AfterEach
  void dropIndexes() {
    if (prefix != null) {
      TestOpenSearch.deleteIndexes(url, prefix);
    }
  }

  private static void add(CorpusIndex index, Embedder e, String name, String text) {
    SourceDocument doc =
        new SourceDocument("ops:" + name, "ops", "markdown", name, name, "", "", "", "h", Map.of());
    index.replace(
        doc,
        List.of(
            new IndexedChunk(
                new Chunk(0, List.of(name), text), e.embedPassages(List.of(text)).get(0))));
  }

  private String aliasTarget() throws IOException, InterruptedException {
    try (HttpClient http = HttpClient.newHttpClient()) {
      return http.send(
              HttpRequest.newBuilder(url.resolve("/_alias/" + prefix + "-chunks")).build(),
              HttpResponse.BodyHandlers.ofString())
          .body();
    }
  }

  @Test
  void a_rebuild_fills_a_new_index_moves_the_alias_to_it_and_deletes_the_old_one()
      throws Exception {
    try (OpenSearchIndex serving = OpenSearchIndex.open(connection, prefix, embedder)) {
      add(serving, embedder, "old", "alpha from the old index");
      serving.commit();

      String next =
          OpenSearchIndex.rebuild(
              connection,
              prefix,
              embedder,
              index -> {
                // Until the swap, searches still see the old index.
                assertThat(serving.lexical("alpha", Set.of("ops"), 10))
                    .extracting(Hit::documentId)
                    .containsExactly("ops:old");
                add(index, embedder, "new", "alpha from the new index");
              });

      assertThat(next).isEqualTo(prefix + "-chunks-2");
      assertThat(serving.lexical("alpha", Set.of("ops"), 10))
          .extracting(Hit::documentId)
          .containsExactly("ops:new");
      assertThat(aliasTarget()).contains(next).doesNotContain(prefix + "-chunks-1");
    }
  }

  @Test
  void a_rebuild_may_change_the_embedding_model_and_the_old_model_is_then_refused() {
    try (OpenSearchIndex first = OpenSearchIndex.open(connection, prefix, embedder)) {
      add(first, embedder, "a", "alpha");
      first.commit();
    }
    TermEmbedder other = new TermEmbedder("other-model", 32);

    OpenSearchIndex.rebuild(connection, prefix, other, index -> add(index, other, "a", "alpha"));

    try (OpenSearchIndex reopened = OpenSearchIndex.open(connection, prefix, other)) {
      assertThat(reopened.size()).isEqualTo(1);
    }
    assertThatThrownBy(() -> OpenSearchIndex.open(connection, prefix, embedder).close())
        .hasMessageContaining("was built with embedding model other-model (32 dimensions)");
  }

  @Test
  void a_failed_rebuild_deletes_the_new_index_and_leaves_the_alias_where_it_was() throws Exception {
    try (OpenSearchIndex serving = OpenSearchIndex.open(connection, prefix, embedder)) {
      add(serving, embedder, "old", "alpha");
      serving.commit();

      assertThatThrownBy(
              () ->
                  OpenSearchIndex.rebuild(
                      connection,
                      prefix,
                      embedder,
                      index -> {
                        throw new IllegalStateException("embedding failed");
                      }))
          .hasMessage("embedding failed");

      assertThat(serving.size()).isEqualTo(1);
      assertThat(aliasTarget()).contains(prefix + "-chunks-1").doesNotContain("-chunks-2");
    }
  }
}
