package io.stratum.chunk;

import java.util.List;

/**
 * A piece of a document small enough to embed and cite, with the headings above it.
 *
 * @param ordinal position in the document, from 0
 * @param headingPath the document title, then each heading above this piece, outermost first
 * @param text the piece's own text, without the headings
 */
public record Chunk(int ordinal, List<String> headingPath, String text) {
  public Chunk {
    headingPath = List.copyOf(headingPath);
    if (text.isBlank()) {
      throw new IllegalArgumentException("chunk text must not be blank");
    }
  }

  /** The heading path as one line: {@code Title > Section > Subsection}. */
  public String heading() {
    return String.join(" > ", headingPath);
  }

  /** What the embedder sees: headings give a short section its context. */
  public String embeddingText() {
    return heading() + "\n\n" + text;
  }
}
