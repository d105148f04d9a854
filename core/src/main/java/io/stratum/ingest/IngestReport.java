package io.stratum.ingest;

import io.stratum.corpus.ScanProblem;
import java.util.List;

/**
 * What one ingest did.
 *
 * @param unchanged documents skipped because their content hash had not changed
 * @param deleted documents the source no longer has, removed from index and store
 * @param problems documents that could not be read; everything else was still ingested
 */
public record IngestReport(
    String source,
    int scanned,
    int added,
    int updated,
    int unchanged,
    int deleted,
    int chunksEmbedded,
    List<ScanProblem> problems,
    long elapsedMillis) {

  public IngestReport {
    problems = List.copyOf(problems);
  }

  public String summary() {
    return "%s: %d documents (%d new, %d changed, %d unchanged, %d removed, %d failed), %d chunks embedded in %d ms"
        .formatted(
            source,
            scanned,
            added,
            updated,
            unchanged,
            deleted,
            problems.size(),
            chunksEmbedded,
            elapsedMillis);
  }
}
