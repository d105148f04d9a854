package io.stratum.index;

import io.stratum.embed.Embedder;

/** The index was built by another embedding model; its vectors mean nothing to this one. */
public final class IndexMismatchException extends RuntimeException {
  IndexMismatchException(String message) {
    super(message);
  }

  /**
   * The index at {@code where} holds vectors of {@code model} ({@code dimension} dimensions, as
   * recorded there, {@code ?} when not), not of {@code embedder}'s; {@code remedy} says how to
   * re-embed.
   */
  public static IndexMismatchException of(
      String where, String model, String dimension, Embedder embedder, String remedy) {
    return new IndexMismatchException(
        "index at %s was built with embedding model %s (%s dimensions), but this run uses %s (%d dimensions); %s"
            .formatted(where, model, dimension, embedder.modelId(), embedder.dimension(), remedy));
  }

  /** Whether an index recorded as built by {@code model} at {@code dimension} fits {@code e}. */
  public static boolean fits(String model, String dimension, Embedder e) {
    return model.equals(e.modelId()) && dimension.equals(String.valueOf(e.dimension()));
  }
}
