package io.stratum.providers.bedrock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.rerank.RerankException;
import io.stratum.simulator.BedrockSimulator;
import io.stratum.simulator.RecordedRequest;
import java.time.Duration;
import java.util.List;
import java.util.stream.IntStream;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/** Bedrock embeddings and rerank through the real SDK, against the simulator's InvokeModel. */
class BedrockEmbeddingsAndRerankTest {
  static BedrockSimulator sim;
  static BedrockRuntimeClient client;
  static final ObjectMapper JSON = new ObjectMapper();

  @BeforeAll
  static void start() {
    sim = BedrockSimulator.builder().build().start();
    client =
        BedrockTransports.runtimeClient(
            new BedrockTransports.Connection(
                sim.region(),
                sim.endpoint(),
                sim.endpoint(),
                null,
                sim.accessKeyId(),
                sim.secretKey(),
                "bedrock-mantle"));
  }

  @AfterAll
  static void stop() {
    client.close();
    sim.close();
  }

  @BeforeEach
  void clear() {
    sim.clearRequests();
  }

  private static double cosine(float[] a, float[] b) {
    double s = 0;
    for (int i = 0; i < a.length; i++) {
      s += a[i] * b[i];
    }
    return s;
  }

  private static JsonNode body(RecordedRequest r) throws Exception {
    return JSON.readTree(r.body());
  }

  @Test
  void titan_embeds_queries_and_passages_as_unit_vectors_of_the_configured_size() throws Exception {
    BedrockEmbedder titan =
        BedrockEmbedder.create(client, BedrockEmbedder.TITAN_V2, 512, Duration.ofMillis(1));

    List<float[]> passages =
        titan.embedPassages(
            List.of("rotate the master keys every year", "restart the payments pods"));
    float[] query = titan.embedQuery("how often are master keys rotated");

    assertThat(titan.dimension()).isEqualTo(512);
    assertThat(passages).allSatisfy(v -> assertThat(v).hasSize(512));
    assertThat(cosine(passages.get(0), passages.get(0))).isCloseTo(1.0, within(1e-5));
    assertThat(cosine(query, passages.get(0))).isGreaterThan(cosine(query, passages.get(1)));
    assertThat(sim.requests())
        .hasSize(3)
        .allSatisfy(
            r -> assertThat(r.path()).isEqualTo("/model/amazon.titan-embed-text-v2%3A0/invoke"));
    JsonNode sent = body(sim.requests().get(2));
    assertThat(sent.get("inputText").asText()).isEqualTo("how often are master keys rotated");
    assertThat(sent.get("dimensions").asInt()).isEqualTo(512);
    assertThat(sent.get("normalize").asBoolean()).isTrue();
  }

  private static Offset<Double> within(double d) {
    return Offset.offset(d);
  }

  @Test
  void cohere_sends_at_most_96_texts_a_call_and_marks_queries_and_documents() throws Exception {
    BedrockEmbedder cohere =
        BedrockEmbedder.create(client, "cohere.embed-english-v3", 0, Duration.ofMillis(1));
    List<String> passages = IntStream.range(0, 100).mapToObj(i -> "passage number " + i).toList();

    List<float[]> vectors = cohere.embedPassages(passages);
    cohere.embedQuery("which passage");

    assertThat(vectors).hasSize(100).allSatisfy(v -> assertThat(v).hasSize(1024));
    List<RecordedRequest> sent = sim.requests();
    assertThat(sent).hasSize(3);
    assertThat(body(sent.get(0)).get("texts")).hasSize(96);
    assertThat(body(sent.get(1)).get("texts")).hasSize(4);
    assertThat(body(sent.get(0)).get("input_type").asText()).isEqualTo("search_document");
    assertThat(body(sent.get(2)).get("input_type").asText()).isEqualTo("search_query");
  }

  @Test
  void throttling_is_retried_with_backoff_and_the_passage_is_embedded() {
    BedrockEmbedder titan =
        BedrockEmbedder.create(client, BedrockEmbedder.TITAN_V2, 256, Duration.ofMillis(1));
    sim.arm("throttle", 2);

    assertThat(titan.embedPassages(List.of("one passage"))).hasSize(1);
    assertThat(sim.requests()).hasSize(3);
  }

  @Test
  void persistent_throttling_fails_naming_the_model_status_and_bedrocks_words() {
    BedrockEmbedder titan =
        BedrockEmbedder.create(client, BedrockEmbedder.TITAN_V2, 256, Duration.ofMillis(1));
    sim.arm("throttle", BedrockInvoker.ATTEMPTS);

    assertThatThrownBy(() -> titan.embedQuery("anything"))
        .hasMessage(
            "amazon.titan-embed-text-v2:0: HTTP 429 ThrottlingException: Too many requests, please wait before trying again. (after 4 attempts)");
  }

  @Test
  void a_request_bedrock_rejects_is_not_retried_and_says_why() {
    BedrockEmbedder titan =
        BedrockEmbedder.create(client, BedrockEmbedder.TITAN_V2, 256, Duration.ofMillis(1));

    assertThatThrownBy(() -> titan.embedQuery(" "))
        .hasMessage(
            "amazon.titan-embed-text-v2:0: HTTP 400 ValidationException: Malformed input request: #/inputText: expected minLength: 1, actual: 0, please reformat your input and try again.");
    assertThat(sim.requests()).hasSize(1);
  }

  @Test
  void unknown_models_and_sizes_are_refused_before_any_call() {
    assertThatThrownBy(() -> BedrockEmbedder.create(client, "amazon.titan-embed-text-v1", 1024))
        .hasMessage(
            "embedding model: expected amazon.titan-embed-text-v2:0 or one of [cohere.embed-english-v3, cohere.embed-multilingual-v3], got 'amazon.titan-embed-text-v1'");
    assertThatThrownBy(() -> BedrockEmbedder.create(client, BedrockEmbedder.TITAN_V2, 768))
        .hasMessage(
            "embedding dimensions: expected 256, 512 or 1024 for amazon.titan-embed-text-v2:0, got 768");
    assertThat(sim.requests()).isEmpty();
  }

  @Test
  void rerank_scores_every_document_in_the_order_sent() throws Exception {
    BedrockReranker reranker = BedrockReranker.create(client);

    double[] scores =
        reranker.score(
            "rotate master keys",
            List.of("restart pods", "master keys rotate yearly", "keys are stored in the HSM"));

    assertThat(scores[1]).isEqualTo(1.0);
    assertThat(scores[2]).isGreaterThan(scores[0]);
    JsonNode sent = body(sim.requests().get(0));
    assertThat(sim.requests().get(0).path()).isEqualTo("/model/cohere.rerank-v3-5%3A0/invoke");
    assertThat(sent.get("api_version").asInt()).isEqualTo(2);
    assertThat(sent.get("top_n").asInt()).isEqualTo(3);
  }

  @Test
  void a_rerank_outage_is_a_rerank_exception_with_the_reason() {
    BedrockReranker reranker =
        new BedrockReranker(
            new BedrockInvoker(client, Duration.ofMillis(1)), BedrockReranker.COHERE_RERANK_V35);
    sim.arm("server-error", BedrockInvoker.ATTEMPTS);

    assertThatThrownBy(() -> reranker.score("q", List.of("a", "b")))
        .isInstanceOf(RerankException.class)
        .hasMessageStartingWith("cohere.rerank-v3-5:0: HTTP 500 InternalServerException: ")
        .hasMessageEndingWith("(after 4 attempts)");
  }
}
