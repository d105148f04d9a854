package io.stratum.app;

import io.stratum.chunk.Chunker;
import io.stratum.corpus.Connector;
import io.stratum.eval.Evaluator;
import io.stratum.eval.Judged;
import io.stratum.index.CorpusIndex;
import io.stratum.index.LuceneIndex;
import io.stratum.ingest.IngestProgress;
import io.stratum.ingest.Ingestor;
import io.stratum.providers.onnx.OnnxEmbedder;
import io.stratum.retrieval.Retriever;
import io.stratum.store.Database;
import io.stratum.store.DocumentStore;
import io.stratum.store.WorkspaceStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * Retrieval quality on judged questions ({@code stratum eval}), measured on a scratch data
 * directory that is deleted afterwards, so an evaluation never touches the real one.
 */
public final class Evaluation {
  /** The one workspace a judged corpus is ingested into. */
  public static final String WORKSPACE = "eval";

  private Evaluation() {}

  /**
   * Ingests {@code connector} with the local embedder and scores each retrieval mode.
   *
   * @param documentOf maps a judged document id to the stored one
   */
  public static Map<String, Evaluator.Scores> scores(
      Connector connector,
      Judged judged,
      Function<String, String> documentOf,
      Retriever.Fusion fusion,
      Consumer<IngestProgress> progress)
      throws IOException {
    Path tmp = Files.createTempDirectory("stratum-eval");
    try (Database db = Database.sqlite(tmp.resolve("eval.db"), Clock.systemUTC());
        CorpusIndex index = LuceneIndex.open(tmp.resolve("index"), new OnnxEmbedder())) {
      new Ingestor(
              new WorkspaceStore(db.sql()), new DocumentStore(db.sql()), index, new Chunker(1200))
          .ingest(connector, progress);
      return new Evaluator(index, Set.of(WORKSPACE), documentOf, fusion).evaluate(judged);
    } finally {
      try (Stream<Path> files = Files.walk(tmp)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
