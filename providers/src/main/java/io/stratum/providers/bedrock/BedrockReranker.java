package io.stratum.providers.bedrock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.stratum.rerank.RerankException;
import io.stratum.rerank.Reranker;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * Cohere Rerank 3.5 on Bedrock through InvokeModel ({@code api_version} 2). Documents the model
 * leaves out of its results score negative infinity, so they sort last.
 *
 * <pre>{@code
 * Reranker r = BedrockReranker.create(BedrockTransports.runtimeClient(connection));
 * }</pre>
 */
public final class BedrockReranker implements Reranker {
  public static final String COHERE_RERANK_V35 = "cohere.rerank-v3-5:0";

  private final BedrockInvoker invoker;
  private final String modelId;

  BedrockReranker(BedrockInvoker invoker, String modelId) {
    this.invoker = invoker;
    this.modelId = modelId;
  }

  public static BedrockReranker create(BedrockRuntimeClient client) {
    return new BedrockReranker(
        new BedrockInvoker(client, Duration.ofMillis(200)), COHERE_RERANK_V35);
  }

  @Override
  public String modelId() {
    return modelId;
  }

  @Override
  public double[] score(String query, List<String> documents) {
    ObjectNode body = BedrockInvoker.json().createObjectNode();
    body.put("api_version", 2).put("query", query).put("top_n", documents.size());
    documents.forEach(body.putArray("documents")::add);
    try {
      JsonNode results = invoker.invoke(modelId, body).path("results");
      double[] scores = new double[documents.size()];
      Arrays.fill(scores, Double.NEGATIVE_INFINITY);
      for (JsonNode r : results) {
        int i = r.path("index").asInt(-1);
        if (i < 0 || i >= scores.length) {
          throw new RerankException(
              "%s: result index %d is outside the %d documents sent"
                  .formatted(modelId, i, documents.size()),
              null);
        }
        scores[i] = r.path("relevance_score").asDouble();
      }
      return scores;
    } catch (BedrockInvoker.InvokeFailure e) {
      throw new RerankException(e.getMessage(), e);
    }
  }
}
