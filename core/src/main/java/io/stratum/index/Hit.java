package io.stratum.index;

/**
 * One chunk found by a search, with its stored fields.
 *
 * @param score the searcher's own score: BM25 for lexical search; for vector search the cosine
 *     similarity (-1..1)
 */
public record Hit(
    String chunkId,
    String documentId,
    String workspace,
    String title,
    String heading,
    String path,
    String status,
    String text,
    float score) {}
