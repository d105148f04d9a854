package io.stratum.app.usecase;

import io.stratum.access.Action;
import io.stratum.access.Principal;
import io.stratum.corpus.Connector;
import io.stratum.ingest.IngestProgress;
import io.stratum.ingest.IngestReport;
import io.stratum.ingest.Ingestor;
import io.stratum.store.DocumentStore;
import io.stratum.store.StoredDocument;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** The corpus as people reach it: ingesting a source, reading a document, listing sources. */
public final class Documents {
  private final Guard guard;
  private final DocumentStore documents;
  private final Ingestor ingestor;
  private final Auditor audit;

  public Documents(Guard guard, DocumentStore documents, Ingestor ingestor, Auditor audit) {
    this.guard = guard;
    this.documents = documents;
    this.ingestor = ingestor;
    this.audit = audit;
  }

  /**
   * A document as the API shows it: its record, the text of its chunks in order, and the documents
   * the reader may read that supersede it.
   */
  public record DocumentView(
      StoredDocument document, List<String> chunks, List<String> supersededBy) {}

  /**
   * Ingests what {@code connector} yields, as the local operator (the CLI, a scheduled sync),
   * reporting progress; the report is audited as {@code source.ingested}.
   */
  public IngestReport ingest(Connector connector, Consumer<IngestProgress> progress) {
    IngestReport r = ingestor.ingest(connector, progress);
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("source", r.source());
    m.put("scanned", r.scanned());
    m.put("added", r.added());
    m.put("updated", r.updated());
    m.put("deleted", r.deleted());
    m.put("problems", r.problems().size());
    audit.record(
        "source.ingested",
        r.problems().isEmpty() ? "success" : "failure",
        Principal.LOCAL_OPERATOR,
        "",
        m);
    return r;
  }

  /**
   * A stored document and its chunks' text, if it exists and {@code who} may read its workspace;
   * otherwise empty either way, so an id cannot be confirmed by someone outside (the denial is
   * audited).
   */
  public Optional<DocumentView> document(Principal who, String id) {
    return documents
        .document(id)
        .filter(d -> guard.check(who, Action.READ, d.workspace(), "document.read"))
        .map(
            d -> {
              audit.record("document.read", "success", who, d.workspace(), Map.of("document", id));
              return new DocumentView(d, documents.chunkTexts(d.id()), documents.supersededBy(d));
            });
  }

  /** Where a workspace's documents came from: each source, its kind, count and last ingest. */
  public List<DocumentStore.SourceSummary> sources(Principal who, String workspace) {
    guard.require(who, Action.READ, workspace, "sources.read");
    return documents.sourcesOf(workspace);
  }
}
