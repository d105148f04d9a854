package io.stratum.app;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.access.Principal;
import io.stratum.app.config.ModelConfig;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.index.IndexMismatchException;
import io.stratum.ingest.IngestReport;
import io.stratum.retrieval.Passage;
import io.stratum.retrieval.Retrieval;
import io.stratum.simulator.BedrockSimulator;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retrieval on Bedrock embeddings and rerank, chosen by tfvars alone, through the real AWS SDK to
 * the simulator: the same code path a cloud deployment takes.
 */
class BedrockRetrievalTest {
  @TempDir Path dir;
  BedrockSimulator sim;

  @BeforeEach
  void start() {
    sim = BedrockSimulator.builder().build().start();
  }

  @AfterEach
  void stop() {
    sim.close();
  }

  private ModelConfig config(String extra) throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("terraform.tfvars"),
            """
            bedrock_embedding_model_id   = "amazon.titan-embed-text-v2:0"
            bedrock_embedding_dimensions = 256
            bedrock_endpoint_url         = "%s"
            %s
            """
                .formatted(sim.endpoint(), extra));
    return Engine.loadConfig(Optional.of(f), Map.of());
  }

  @Test
  void titan_embeddings_and_cohere_rerank_serve_search_when_the_tfvars_say_so() throws Exception {
    Path corpus = SampleCorpus.extractTo(dir.resolve("corpus"));
    Map<String, String> env = Map.of("AWS_BEARER_TOKEN_BEDROCK", sim.apiKey());

    try (Stratum s =
        Engine.open(dir.resolve("data"), config("bedrock_rerank_enabled = true"), env)) {
      IngestReport report = s.documents().ingest(MarkdownConnector.byDirectory(corpus), p -> {});
      sim.clearRequests();
      Retrieval r =
          s.search()
              .search(
                  Principal.LOCAL_OPERATOR,
                  List.of("security"),
                  "How often are the master keys rotated?",
                  3,
                  List.of());

      assertThat(report.problems()).isEmpty();
      assertThat(report.chunksEmbedded()).isPositive();
      assertThat(r.passages()).isNotEmpty().extracting(Passage::workspace).containsOnly("security");
      assertThat(sim.requests())
          .extracting(q -> q.path())
          .containsExactly(
              "/model/amazon.titan-embed-text-v2%3A0/invoke", // the question
              "/model/cohere.rerank-v3-5%3A0/invoke");
      assertThat(r.passages().get(0).text().toLowerCase()).contains("rotat");
    }
  }

  @Test
  void reopening_a_titan_index_with_the_local_embedder_says_to_re_embed() throws Exception {
    Path corpus = SampleCorpus.extractTo(dir.resolve("corpus"));
    Path data = dir.resolve("data");
    try (Stratum s =
        Engine.open(data, config(""), Map.of("AWS_BEARER_TOKEN_BEDROCK", sim.apiKey()))) {
      s.documents().ingest(MarkdownConnector.byDirectory(corpus), p -> {});
    }

    assertThatThrownBy(() -> LocalEngine.open(data))
        .isInstanceOf(IndexMismatchException.class)
        .hasMessage(
            "index at %s was built with embedding model amazon.titan-embed-text-v2:0 (256 dimensions), but this run uses bge-small-en-v1.5-q (384 dimensions); re-embed by deleting %s and ingesting again"
                .formatted(data.resolve("index"), data.resolve("index")));
  }
}
