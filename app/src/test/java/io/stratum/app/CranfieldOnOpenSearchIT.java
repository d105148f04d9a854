package io.stratum.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.stratum.app.config.IndexSettings;
import io.stratum.embed.Embedder;
import io.stratum.eval.Cranfield;
import io.stratum.eval.Evaluator;
import io.stratum.eval.Judged;
import io.stratum.index.TestOpenSearch;
import io.stratum.providers.onnx.OnnxEmbedder;
import io.stratum.retrieval.Retriever;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The same retrieval quality in OpenSearch as in the embedded index: {@code stratum eval cranfield}
 * on both engines gives nDCG@10 within ±0.01 on each half of Cranfield-1400, in every mode. Needs
 * {@code ../shared/data/cranfield} and the OpenSearch node of {@code .ci/opensearch.sh}. Each
 * passage is embedded once and its vector reused for the second engine.
 */
class CranfieldOnOpenSearchIT {
  private static final double TOLERANCE = 0.01;

  @Test
  void opensearch_scores_cranfield_within_a_hundredth_of_the_embedded_index_on_both_halves()
      throws Exception {
    Path dir =
        Path.of(System.getProperty("stratum.shared", "../../shared"), "data", "cranfield")
            .toAbsolutePath()
            .normalize();
    Assumptions.assumeTrue(
        Files.isRegularFile(dir.resolve("cran.all.1400")), "no Cranfield files in " + dir);
    URI url = TestOpenSearch.url();
    Judged all = Cranfield.judged(dir);
    Map<String, Judged> halves = new LinkedHashMap<>();
    halves.put("odd", all.half("odd"));
    halves.put("even", all.half("even"));
    Embedder embedder = new OnceEmbedder(new OnnxEmbedder());

    Map<String, Map<String, Evaluator.Scores>> lucene =
        scores(dir, halves, IndexOpener.EMBEDDED, embedder);
    Map<String, Map<String, Evaluator.Scores>> opensearch =
        scores(
            dir,
            halves,
            IndexOpener.of(
                new IndexSettings(url, IndexSettings.Auth.NONE, "stratum", null, null),
                "us-east-1"),
            embedder);

    for (String half : halves.keySet()) {
      for (String mode : List.of("bm25", "vector", "hybrid")) {
        double l = lucene.get(half).get(mode).ndcg10();
        double o = opensearch.get(half).get(mode).ndcg10();
        System.out.printf(
            Locale.ROOT,
            "cranfield %-4s %-6s nDCG@10 lucene %.4f opensearch %.4f%n",
            half,
            mode,
            l,
            o);
        assertThat(o).as("%s half, %s nDCG@10", half, mode).isCloseTo(l, within(TOLERANCE));
      }
    }
  }

  private static Map<String, Map<String, Evaluator.Scores>> scores(
      Path dir, Map<String, Judged> halves, IndexOpener engine, Embedder embedder)
      throws Exception {
    return Evaluation.scores(
        Cranfield.connector(dir, Evaluation.WORKSPACE),
        halves,
        id -> id.substring("cran:".length()),
        Retriever.Fusion.RRF,
        engine,
        embedder,
        p -> {});
  }

  /** Embeds each text once: the second engine gets the first one's vectors. */
  private record OnceEmbedder(Embedder model, Map<String, float[]> seen) implements Embedder {
    OnceEmbedder(Embedder model) {
      this(model, new ConcurrentHashMap<>());
    }

    @Override
    public String modelId() {
      return model.modelId();
    }

    @Override
    public int dimension() {
      return model.dimension();
    }

    @Override
    public double relevanceFloor() {
      return model.relevanceFloor();
    }

    @Override
    public float[] embedQuery(String query) {
      return seen.computeIfAbsent("q:" + query, q -> model.embedQuery(query));
    }

    @Override
    public List<float[]> embedPassages(List<String> passages) {
      List<String> missing = passages.stream().filter(p -> !seen.containsKey("p:" + p)).toList();
      if (!missing.isEmpty()) {
        List<float[]> vectors = model.embedPassages(missing);
        for (int i = 0; i < missing.size(); i++) {
          seen.put("p:" + missing.get(i), vectors.get(i));
        }
      }
      return passages.stream().map(p -> seen.get("p:" + p)).toList();
    }
  }
}
