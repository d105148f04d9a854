package io.stratum.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratum.embed.Embedder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * Embeddings from Bedrock through InvokeModel: Titan Text Embeddings v2 (one text a call, so
 * passages go out {@link #TITAN_CONCURRENCY} at a time) or Cohere Embed v3 (up to 96 texts a call,
 * with {@code search_query} / {@code search_document} input types). Vectors are normalized here
 * whatever the model returns, so a dot product is a cosine.
 *
 * <pre>{@code
 * Embedder e = BedrockEmbedder.create(BedrockTransports.runtimeClient(connection),
 *     "amazon.titan-embed-text-v2:0", 1024);
 * }</pre>
 */
public final class BedrockEmbedder implements Embedder {
  public static final String TITAN_V2 = "amazon.titan-embed-text-v2:0";
  public static final List<String> COHERE_V3 =
      List.of("cohere.embed-english-v3", "cohere.embed-multilingual-v3");
  public static final List<Integer> TITAN_DIMENSIONS = List.of(256, 512, 1024);
  static final int TITAN_CONCURRENCY = 8;
  static final int COHERE_BATCH = 96;
  static final int COHERE_DIMENSION = 1024;

  private final BedrockInvoker invoker;
  private final String modelId;
  private final int dimension;
  private final ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor();
  private final Semaphore inFlight = new Semaphore(TITAN_CONCURRENCY);

  private BedrockEmbedder(BedrockInvoker invoker, String modelId, int dimension) {
    this.invoker = invoker;
    this.modelId = modelId;
    this.dimension = dimension;
  }

  /** Whether {@code modelId} is an embedding model this class speaks to. */
  public static boolean supports(String modelId) {
    return modelId.equals(TITAN_V2) || COHERE_V3.contains(modelId);
  }

  /**
   * @param dimensions Titan's output size (256, 512 or 1024); Cohere v3 is always 1024
   */
  public static BedrockEmbedder create(
      BedrockRuntimeClient client, String modelId, int dimensions) {
    return create(client, modelId, dimensions, Duration.ofMillis(500));
  }

  static BedrockEmbedder create(
      BedrockRuntimeClient client, String modelId, int dimensions, Duration backoff) {
    if (!supports(modelId)) {
      throw new IllegalArgumentException(
          "embedding model: expected %s or one of %s, got '%s'"
              .formatted(TITAN_V2, COHERE_V3, modelId));
    }
    if (modelId.equals(TITAN_V2) && !TITAN_DIMENSIONS.contains(dimensions)) {
      throw new IllegalArgumentException(
          "embedding dimensions: expected 256, 512 or 1024 for %s, got %d"
              .formatted(modelId, dimensions));
    }
    int dim = modelId.equals(TITAN_V2) ? dimensions : COHERE_DIMENSION;
    return new BedrockEmbedder(new BedrockInvoker(client, backoff), modelId, dim);
  }

  @Override
  public String modelId() {
    return modelId;
  }

  @Override
  public int dimension() {
    return dimension;
  }

  /**
   * Not calibrated for these models, so the relevance gate relies on term coverage alone: a
   * question that shares too few words with every passage is refused rather than guessed at.
   */
  @Override
  public double relevanceFloor() {
    return Double.POSITIVE_INFINITY;
  }

  @Override
  public float[] embedQuery(String query) {
    return modelId.equals(TITAN_V2) ? titan(query) : cohere(List.of(query), "search_query").get(0);
  }

  @Override
  public List<float[]> embedPassages(List<String> passages) {
    if (passages.isEmpty()) {
      return List.of();
    }
    if (!modelId.equals(TITAN_V2)) {
      List<float[]> out = new ArrayList<>(passages.size());
      for (int i = 0; i < passages.size(); i += COHERE_BATCH) {
        out.addAll(
            cohere(
                passages.subList(i, Math.min(passages.size(), i + COHERE_BATCH)),
                "search_document"));
      }
      return out;
    }
    List<Future<float[]>> futures = new ArrayList<>(passages.size());
    for (String p : passages) {
      futures.add(
          pool.submit(
              () -> {
                inFlight.acquire();
                try {
                  return titan(p);
                } finally {
                  inFlight.release();
                }
              }));
    }
    List<float[]> out = new ArrayList<>(passages.size());
    for (Future<float[]> f : futures) {
      try {
        out.add(f.get());
      } catch (ExecutionException e) {
        futures.forEach(x -> x.cancel(true));
        throw e.getCause() instanceof RuntimeException r
            ? r
            : new BedrockInvoker.InvokeFailure(modelId + ": " + e.getCause(), e.getCause());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new BedrockInvoker.InvokeFailure("interrupted while embedding", e);
      }
    }
    return out;
  }

  private float[] titan(String text) {
    ObjectNode body = BedrockInvoker.json().createObjectNode();
    body.put("inputText", text).put("dimensions", dimension).put("normalize", true);
    return vector(invoker.invoke(modelId, body).path("embedding"));
  }

  private List<float[]> cohere(List<String> texts, String inputType) {
    ObjectNode body = BedrockInvoker.json().createObjectNode();
    texts.forEach(body.putArray("texts")::add);
    body.put("input_type", inputType).put("truncate", "END");
    JsonNode embeddings = invoker.invoke(modelId, body).path("embeddings");
    if (embeddings.isObject()) {
      embeddings = embeddings.path("float"); // the shape when embedding_types is requested
    }
    if (embeddings.size() != texts.size()) {
      throw new BedrockInvoker.InvokeFailure(
          "%s: expected %d embeddings, got %d".formatted(modelId, texts.size(), embeddings.size()),
          null);
    }
    List<float[]> out = new ArrayList<>(texts.size());
    embeddings.forEach(e -> out.add(vector(e)));
    return out;
  }

  private float[] vector(JsonNode values) {
    if (values.size() != dimension) {
      throw new BedrockInvoker.InvokeFailure(
          "%s: expected a %d-dimension vector, got %d".formatted(modelId, dimension, values.size()),
          null);
    }
    float[] v = new float[dimension];
    double norm = 0;
    for (int i = 0; i < dimension; i++) {
      v[i] = (float) values.get(i).asDouble();
      norm += v[i] * v[i];
    }
    if (norm > 0) {
      float n = (float) Math.sqrt(norm);
      for (int i = 0; i < dimension; i++) {
        v[i] /= n;
      }
    }
    return v;
  }
}
