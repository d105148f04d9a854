package io.stratum.providers.onnx;

import dev.langchain4j.data.embedding.Embedding;
import dev.langchain4j.data.segment.TextSegment;
import dev.langchain4j.model.embedding.EmbeddingModel;
import dev.langchain4j.model.embedding.onnx.bgesmallenv15q.BgeSmallEnV15QuantizedEmbeddingModel;
import io.stratum.embed.Embedder;
import java.util.List;

/**
 * bge-small-en-v1.5 (quantized, 384 dimensions) running in-process on ONNX Runtime, from weights
 * inside the jar: embeddings with no network and no GPU. The model is loaded on first use (about a
 * second) and is safe to share between threads.
 *
 * <pre>{@code
 * Embedder embedder = new OnnxEmbedder();
 * float[] q = embedder.embedQuery("How are keys rotated?");
 * }</pre>
 */
public final class OnnxEmbedder implements Embedder {
  /** bge models are trained to embed queries with this instruction in front. */
  static final String QUERY_PREFIX = "Represent this sentence for searching relevant passages: ";

  private volatile EmbeddingModel model;

  @Override
  public String modelId() {
    return "bge-small-en-v1.5-q";
  }

  @Override
  public int dimension() {
    return 384;
  }

  @Override
  public double relevanceFloor() {
    return 0.68;
  }

  @Override
  public float[] embedQuery(String query) {
    return model().embed(QUERY_PREFIX + query).content().vector();
  }

  @Override
  public List<float[]> embedPassages(List<String> passages) {
    if (passages.isEmpty()) {
      return List.of();
    }
    List<TextSegment> segments = passages.stream().map(TextSegment::from).toList();
    return model().embedAll(segments).content().stream().map(Embedding::vector).toList();
  }

  private EmbeddingModel model() {
    EmbeddingModel m = model;
    if (m == null) {
      synchronized (this) {
        m = model;
        if (m == null) {
          m = new BgeSmallEnV15QuantizedEmbeddingModel();
          model = m;
        }
      }
    }
    return m;
  }
}
