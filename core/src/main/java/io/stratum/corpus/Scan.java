package io.stratum.corpus;

import java.util.List;
import java.util.Set;
import java.util.function.UnaryOperator;

/**
 * What one scan found: the documents it could read and the files it could not.
 *
 * <p>An incremental scan (a connector given a cursor) fetches only what changed; it names the
 * documents that still exist upstream but were not fetched in {@code unchangedIds}, so ingest
 * neither re-reads them nor mistakes them for deletions, and returns the {@code cursor} the next
 * scan should start from.
 *
 * @param unchangedIds ids of documents present upstream and not fetched, because unchanged
 * @param cursor where the next incremental scan starts, or null for a source without one
 */
public record Scan(
    List<SourceDocument> documents,
    List<ScanProblem> problems,
    Set<String> unchangedIds,
    String cursor) {
  public Scan {
    documents = List.copyOf(documents);
    problems = List.copyOf(problems);
    unchangedIds = Set.copyOf(unchangedIds);
  }

  /** A full scan: every document the source has, no cursor. */
  public Scan(List<SourceDocument> documents, List<ScanProblem> problems) {
    this(documents, problems, Set.of(), null);
  }

  /** The same scan with every document transformed (connectors that enrich Markdown use this). */
  public Scan map(UnaryOperator<SourceDocument> f) {
    return new Scan(documents.stream().map(f).toList(), problems, unchangedIds, cursor);
  }
}
