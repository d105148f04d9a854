package io.stratum.app;

import io.stratum.app.config.IndexSettings;
import io.stratum.embed.Embedder;
import io.stratum.index.CorpusIndex;
import io.stratum.index.LuceneIndex;
import io.stratum.providers.opensearch.OpenSearchConnection;
import io.stratum.providers.opensearch.OpenSearchIndex;
import java.nio.file.Path;
import java.util.function.Consumer;

/**
 * Which engine holds the corpus index ({@code stratum_index_url}): the embedded Lucene index in the
 * data directory, or OpenSearch.
 */
public interface IndexOpener {
  /** The index of {@code dataDir}, for {@code embedder}'s vectors. */
  CorpusIndex open(Path dataDir, Embedder embedder);

  /**
   * A new, empty index for a measurement, in {@code scratchDir} (embedded) or of its own in
   * OpenSearch; closing it deletes it from OpenSearch, and the caller deletes {@code scratchDir}.
   */
  CorpusIndex scratch(Path scratchDir, Embedder embedder);

  /** Where the index is, for the log. */
  String describe(Path dataDir);

  /**
   * Writes a new index with {@code fill} and makes it the one searched, atomically; returns the new
   * index's name.
   *
   * @throws IllegalArgumentException for the embedded index, which is rebuilt by deleting it and
   *     ingesting again
   */
  String rebuild(Path dataDir, Embedder embedder, Consumer<CorpusIndex> fill);

  /** Lucene in {@code DATA/index}. */
  IndexOpener EMBEDDED =
      new IndexOpener() {
        @Override
        public CorpusIndex open(Path dataDir, Embedder embedder) {
          return LuceneIndex.open(dataDir.resolve("index"), embedder);
        }

        @Override
        public CorpusIndex scratch(Path scratchDir, Embedder embedder) {
          return open(scratchDir, embedder);
        }

        @Override
        public String describe(Path dataDir) {
          return "the embedded Lucene index in " + dataDir.resolve("index");
        }

        @Override
        public String rebuild(Path dataDir, Embedder embedder, Consumer<CorpusIndex> fill) {
          throw new IllegalArgumentException(
              "index rebuild: the index is the embedded one in %s; stop the server, delete that directory and run `stratum ingest` to rebuild it (rebuild swaps an OpenSearch index, stratum_index_url)"
                  .formatted(dataDir.resolve("index")));
        }
      };

  /**
   * The engine {@code settings} name; SigV4 signs for {@code region} with the default AWS
   * credential chain.
   */
  static IndexOpener of(IndexSettings settings, String region) {
    if (settings.embedded()) {
      return EMBEDDED;
    }
    OpenSearchConnection.Auth auth =
        switch (settings.auth()) {
          case NONE -> new OpenSearchConnection.None();
          case BASIC -> new OpenSearchConnection.Basic(settings.user(), settings.password());
          case SIGV4 -> OpenSearchConnection.SigV4.defaultChain(region);
        };
    OpenSearchConnection connection = new OpenSearchConnection(settings.url(), auth);
    return new IndexOpener() {
      @Override
      public CorpusIndex open(Path dataDir, Embedder embedder) {
        return OpenSearchIndex.open(connection, settings.prefix(), embedder);
      }

      @Override
      public CorpusIndex scratch(Path scratchDir, Embedder embedder) {
        return OpenSearchIndex.scratch(connection, embedder);
      }

      @Override
      public String describe(Path dataDir) {
        return settings.toString();
      }

      @Override
      public String rebuild(Path dataDir, Embedder embedder, Consumer<CorpusIndex> fill) {
        return OpenSearchIndex.rebuild(connection, settings.prefix(), embedder, fill);
      }
    };
  }
}
