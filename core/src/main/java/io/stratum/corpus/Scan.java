package io.stratum.corpus;

import java.util.List;

/** What one scan found: the documents it could read and the files it could not. */
public record Scan(List<SourceDocument> documents, List<ScanProblem> problems) {
  public Scan {
    documents = List.copyOf(documents);
    problems = List.copyOf(problems);
  }

  /** The same scan with every document transformed (connectors that enrich Markdown use this). */
  public Scan map(java.util.function.UnaryOperator<SourceDocument> f) {
    return new Scan(documents.stream().map(f).toList(), problems);
  }
}
