package io.stratum.store;

import java.util.Map;

/**
 * What the store remembers of an ingested document: enough to skip it when unchanged, and to show
 * it typed by its source.
 *
 * @param supersedes the id of the document this one replaces, or empty
 * @param metadata what the connector read besides title and status (e.g. {@code alert}, {@code
 *     severity}, {@code control}, {@code superseded_by})
 */
public record StoredDocument(
    String id,
    String workspace,
    String source,
    String path,
    String title,
    String status,
    String contentHash,
    int chunkCount,
    String sourceKind,
    String supersedes,
    Map<String, String> metadata) {
  public StoredDocument {
    metadata = Map.copyOf(metadata);
  }
}
