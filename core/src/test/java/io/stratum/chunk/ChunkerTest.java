package io.stratum.chunk;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class ChunkerTest {
  private final Chunker chunker = new Chunker(200);

  @Test
  void keeps_the_path_of_headings_above_each_chunk() {
    String md =
        """
        # Key management
        Intro text about keys.

        ## Decision
        We use envelope encryption.

        ### Rotation
        Keys rotate every 365 days.

        ## Consequences
        Logs feed the SIEM.
        """;

    List<Chunk> chunks = chunker.split("Key management", md);

    assertThat(chunks)
        .extracting(Chunk::heading)
        .containsExactly(
            "Key management",
            "Key management > Decision",
            "Key management > Decision > Rotation",
            "Key management > Consequences");
    assertThat(chunks.get(2).text()).isEqualTo("Keys rotate every 365 days.");
    assertThat(chunks).extracting(Chunk::ordinal).containsExactly(0, 1, 2, 3);
  }

  @Test
  void treats_hash_lines_inside_code_fences_as_text() {
    String md = "## Setup\n```bash\n# not a heading\necho hi\n```\n";

    List<Chunk> chunks = chunker.split("Doc", md);

    assertThat(chunks).hasSize(1);
    assertThat(chunks.get(0).heading()).isEqualTo("Doc > Setup");
    assertThat(chunks.get(0).text()).contains("# not a heading");
  }

  @Test
  void splits_a_long_section_at_paragraphs_without_exceeding_the_limit() {
    String paragraph = "This sentence is filler about rotation policy. ".repeat(3).strip();
    String md = "## Long\n" + (paragraph + "\n\n").repeat(6);

    List<Chunk> chunks = chunker.split("Doc", md);

    assertThat(chunks).hasSizeGreaterThan(1);
    assertThat(chunks).allSatisfy(c -> assertThat(c.text().length()).isLessThanOrEqualTo(200));
    assertThat(chunks).allSatisfy(c -> assertThat(c.heading()).isEqualTo("Doc > Long"));
  }

  @Test
  void slices_a_single_sentence_longer_than_the_limit() {
    String md = "x".repeat(450);

    List<Chunk> chunks = chunker.split("Doc", md);

    assertThat(chunks).hasSize(3);
    assertThat(String.join("", chunks.stream().map(Chunk::text).toList())).isEqualTo(md);
  }

  @Test
  void the_embedding_text_carries_the_headings() {
    Chunk chunk = chunker.split("Doc", "## Part\nbody").get(0);

    assertThat(chunk.embeddingText()).isEqualTo("Doc > Part\n\nbody");
  }

  @Test
  void refuses_a_limit_too_small_to_hold_a_paragraph() {
    assertThatThrownBy(() -> new Chunker(50))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxChars must be at least 200, got 50");
  }
}
