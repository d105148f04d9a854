package io.stratum.app.cli;

import io.stratum.ingest.IngestProgress;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.function.Consumer;

/** Prints ingest progress to stderr: at most twice a second, and always the last step. */
final class Progress implements Consumer<IngestProgress> {
  private final PrintWriter err;
  private long lastPrinted;

  Progress(PrintWriter err) {
    this.err = err;
  }

  @Override
  public void accept(IngestProgress p) {
    long now = System.nanoTime();
    if (p.done() < p.total() && now - lastPrinted < 500_000_000L) {
      return;
    }
    lastPrinted = now;
    err.printf(
        Locale.ROOT,
        "ingest: %d/%d documents, %d chunks embedded (%.0f chunks/s)%n",
        p.done(),
        p.total(),
        p.chunksEmbedded(),
        p.chunkRate());
    err.flush();
  }
}
