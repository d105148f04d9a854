package io.stratum.app;

import io.stratum.chunk.Chunker;
import io.stratum.corpus.Connector;
import io.stratum.embed.Embedder;
import io.stratum.eval.Evaluator;
import io.stratum.eval.Judged;
import io.stratum.index.CorpusIndex;
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
import java.util.LinkedHashMap;
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
   * Ingests {@code connector} with the local embedder into a scratch index of {@code engine} and
   * scores each retrieval mode.
   *
   * @param documentOf maps a judged document id to the stored one
   */
  public static Map<String, Evaluator.Scores> scores(
      Connector connector,
      Judged judged,
      Function<String, String> documentOf,
      Retriever.Fusion fusion,
      IndexOpener engine,
      Consumer<IngestProgress> progress)
      throws IOException {
    return scores(
            connector, Map.of("", judged), documentOf, fusion, engine, new OnnxEmbedder(), progress)
        .get("");
  }

  /**
   * As above, with {@code embedder}, for several sets of judged questions over one ingest (the
   * halves of Cranfield): the scores of each mode, by set.
   */
  public static Map<String, Map<String, Evaluator.Scores>> scores(
      Connector connector,
      Map<String, Judged> sets,
      Function<String, String> documentOf,
      Retriever.Fusion fusion,
      IndexOpener engine,
      Embedder embedder,
      Consumer<IngestProgress> progress)
      throws IOException {
    Path tmp = Files.createTempDirectory("stratum-eval");
    try (Database db = Database.sqlite(tmp.resolve("eval.db"), Clock.systemUTC());
        CorpusIndex index = engine.scratch(tmp.resolve("index"), embedder)) {
      new Ingestor(
              new WorkspaceStore(db.sql()), new DocumentStore(db.sql()), index, new Chunker(1200))
          .ingest(connector, progress);
      Evaluator evaluator = new Evaluator(index, Set.of(WORKSPACE), documentOf, fusion);
      Map<String, Map<String, Evaluator.Scores>> out = new LinkedHashMap<>();
      sets.forEach((name, judged) -> out.put(name, evaluator.evaluate(judged)));
      return out;
    } finally {
      try (Stream<Path> files = Files.walk(tmp)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }
}
