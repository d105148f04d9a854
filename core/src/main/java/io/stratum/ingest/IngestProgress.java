package io.stratum.ingest;

/** How far an ingest has got; emitted after each document. */
public record IngestProgress(int done, int total, int chunksEmbedded, long elapsedMillis) {
  /** Chunks embedded per second so far. */
  public double chunkRate() {
    return elapsedMillis == 0 ? 0 : chunksEmbedded * 1000.0 / elapsedMillis;
  }
}
