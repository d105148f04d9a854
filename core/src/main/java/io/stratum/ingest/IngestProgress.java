package io.stratum.ingest;

/**
 * How far an ingest has got; emitted after each document.
 *
 * @param added documents indexed for the first time so far
 * @param updated documents indexed again because their content changed
 * @param unchanged documents skipped because their content hash had not changed
 * @param failed documents that could not be read or indexed so far
 */
public record IngestProgress(
    int done,
    int total,
    int chunksEmbedded,
    long elapsedMillis,
    int added,
    int updated,
    int unchanged,
    int failed) {
  /** Chunks embedded per second so far. */
  public double chunkRate() {
    return elapsedMillis == 0 ? 0 : chunksEmbedded * 1000.0 / elapsedMillis;
  }
}
