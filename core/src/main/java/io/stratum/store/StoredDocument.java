package io.stratum.store;

/** What the store remembers of an ingested document: enough to skip it when unchanged. */
public record StoredDocument(
    String id,
    String workspace,
    String source,
    String path,
    String title,
    String status,
    String contentHash,
    int chunkCount) {}
