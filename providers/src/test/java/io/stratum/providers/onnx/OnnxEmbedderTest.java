package io.stratum.providers.onnx;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

class OnnxEmbedderTest {
  private static final OnnxEmbedder EMBEDDER = new OnnxEmbedder();

  private static double dot(float[] a, float[] b) {
    double d = 0;
    for (int i = 0; i < a.length; i++) {
      d += a[i] * b[i];
    }
    return d;
  }

  @Test
  void embeds_offline_into_unit_vectors_of_384_dimensions() {
    List<float[]> vectors = EMBEDDER.embedPassages(List.of("Keys rotate every year.", "Hello."));

    assertThat(vectors).hasSize(2);
    assertThat(vectors.get(0)).hasSize(EMBEDDER.dimension());
    assertThat(dot(vectors.get(0), vectors.get(0))).isCloseTo(1.0, Offset.offset(1e-3));
  }

  @Test
  void a_question_is_closer_to_the_passage_that_answers_it() {
    float[] q = EMBEDDER.embedQuery("How often are encryption keys rotated?");
    List<float[]> p =
        EMBEDDER.embedPassages(
            List.of(
                "Customer master keys are rotated automatically every 365 days.",
                "The settlement batch pays merchants every night."));

    assertThat(dot(q, p.get(0))).isGreaterThan(EMBEDDER.relevanceFloor());
    assertThat(dot(q, p.get(1))).isLessThan(EMBEDDER.relevanceFloor());
  }

  @Test
  void embedding_nothing_returns_nothing() {
    assertThat(EMBEDDER.embedPassages(List.of())).isEmpty();
  }
}
