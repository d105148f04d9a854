package io.stratum.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.chunk.Chunk;
import io.stratum.corpus.SourceDocument;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Ingested documents, their chunks, and each source's incremental-scan cursor. The index holds the
 * searchable copy; this is the record of what was ingested, from where, with which content hash.
 */
public final class DocumentStore {
  private static final String COLUMNS =
      "id, workspace_id, source, path, title, status, content_hash, chunk_count, source_kind,"
          + " supersedes, metadata";

  private static final ObjectMapper JSON = new ObjectMapper();
  private static final TypeReference<Map<String, String>> STRINGS = new TypeReference<>() {};
  private static final int MAX_METADATA_CHARS = 8000;

  private final Sql sql;

  public DocumentStore(Sql sql) {
    this.sql = sql;
  }

  public Optional<StoredDocument> document(String id) {
    return sql.read(
        "read document " + id,
        tx -> tx.one("SELECT " + COLUMNS + " FROM documents WHERE id = ?", DocumentStore::row, id));
  }

  /** The text of a document's chunks, in order. */
  public List<String> chunkTexts(String documentId) {
    return chunks(documentId).stream().map(Chunk::text).toList();
  }

  /** A document's chunks as ingested, in order, for indexing them again without the source. */
  public List<Chunk> chunks(String documentId) {
    return sql.read(
        "read the chunks of " + documentId,
        tx ->
            tx.list(
                "SELECT ordinal, heading_path, body FROM chunks WHERE document_id = ? ORDER BY ordinal",
                rs ->
                    new Chunk(
                        rs.getInt(1),
                        rs.getString(2).isEmpty()
                            ? List.of()
                            : List.of(rs.getString(2).split(" > ")),
                        rs.getString(3)),
                documentId));
  }

  /** Every document, by id: what a rebuilt index must hold. */
  public List<StoredDocument> all() {
    return sql.read(
        "list every document",
        tx -> tx.list("SELECT " + COLUMNS + " FROM documents ORDER BY id", DocumentStore::row));
  }

  /** Every document a source produced, for finding the ones it no longer has. */
  public List<StoredDocument> documentsOfSource(String source) {
    return sql.read(
        "list documents of " + source,
        tx ->
            tx.list(
                "SELECT " + COLUMNS + " FROM documents WHERE source = ? ORDER BY id",
                DocumentStore::row,
                source));
  }

  /** Which of {@code ids} are stored. */
  public Set<String> stored(Collection<String> ids) {
    if (ids.isEmpty()) {
      return Set.of();
    }
    String marks = String.join(",", Collections.nCopies(ids.size(), "?"));
    return new HashSet<>(
        sql.read(
            "find stored documents",
            tx ->
                tx.list(
                    "SELECT id FROM documents WHERE id IN (" + marks + ")",
                    rs -> rs.getString(1),
                    ids.toArray())));
  }

  public int documentCount() {
    return sql.read(
        "count documents",
        tx -> tx.one("SELECT COUNT(*) FROM documents", rs -> rs.getInt(1)).orElse(0));
  }

  /** Records a document and replaces its chunks, in one transaction. */
  public void saveDocument(String source, SourceDocument doc, List<Chunk> chunks) {
    sql.update(
        "save document " + doc.id(),
        tx -> {
          delete(tx, doc.id());
          tx.update(
              "INSERT INTO documents (id, workspace_id, source, source_kind, path, title, status,"
                  + " supersedes, content_hash, chunk_count, ingested_at, metadata)"
                  + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
              doc.id(),
              doc.workspace(),
              source,
              doc.sourceKind(),
              doc.path(),
              doc.title(),
              doc.status(),
              doc.supersedes(),
              doc.contentHash(),
              chunks.size(),
              sql.now(),
              metadataJson(doc.metadata()));
          List<Object[]> rows = new ArrayList<>();
          for (Chunk chunk : chunks) {
            rows.add(new Object[] {doc.id(), chunk.ordinal(), chunk.heading(), chunk.text()});
          }
          tx.batch(
              "INSERT INTO chunks (document_id, ordinal, heading_path, body) VALUES (?, ?, ?, ?)",
              rows);
        });
  }

  public void deleteDocument(String id) {
    sql.update("delete document " + id, tx -> delete(tx, id));
  }

  /** Deletes every document of {@code workspace} with its chunks. */
  public void deleteWorkspace(String workspace) {
    sql.update(
        "delete the documents of " + workspace,
        tx -> {
          tx.update(
              "DELETE FROM chunks WHERE document_id IN"
                  + " (SELECT id FROM documents WHERE workspace_id = ?)",
              workspace);
          tx.update("DELETE FROM documents WHERE workspace_id = ?", workspace);
        });
  }

  /** Where {@code source}'s next incremental scan starts, if a scan has saved one. */
  public Optional<String> cursor(String source) {
    return sql.read(
        "read the cursor of " + source,
        tx ->
            tx.one(
                "SELECT cursor_val FROM source_cursors WHERE source = ?",
                rs -> rs.getString(1),
                source));
  }

  /** Saves {@code source}'s cursor; call only once everything the scan found is stored. */
  public void saveCursor(String source, String cursor) {
    sql.update(
        "save the cursor of " + source,
        tx -> {
          tx.update("DELETE FROM source_cursors WHERE source = ?", source);
          tx.update(
              "INSERT INTO source_cursors (source, cursor_val, saved_at) VALUES (?, ?, ?)",
              source,
              cursor,
              sql.now());
        });
  }

  /** One source of a workspace's documents, as ingest recorded it. */
  public record SourceSummary(
      String source, String kind, int documents, long chunks, Instant lastIngested) {}

  public List<SourceSummary> sourcesOf(String workspace) {
    return sql.read(
        "list the sources of " + workspace,
        tx ->
            tx.list(
                "SELECT source, source_kind, COUNT(*), SUM(chunk_count), MAX(ingested_at) FROM documents"
                    + " WHERE workspace_id = ? GROUP BY source, source_kind ORDER BY source",
                rs ->
                    new SourceSummary(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getLong(4),
                        rs.getTimestamp(5).toInstant()),
                workspace));
  }

  private static void delete(Sql.Tx tx, String id) throws SQLException {
    tx.update("DELETE FROM chunks WHERE document_id = ?", id);
    tx.update("DELETE FROM documents WHERE id = ?", id);
  }

  /**
   * The ids of the documents of {@code d}'s workspace that name it as the one they supersede, by
   * its id or, for an ADR, by its number ({@code supersedes: ADR-0002} in front matter).
   */
  public List<String> supersededBy(StoredDocument d) {
    String number = d.metadata().getOrDefault("adr", adrNumber(d.path()));
    return sql.read(
        "find what supersedes " + d.id(),
        tx ->
            tx.list(
                "SELECT id FROM documents WHERE workspace_id = ? AND (supersedes = ? OR supersedes"
                    + " = ?) ORDER BY id",
                rs -> rs.getString(1),
                d.workspace(),
                d.id(),
                number));
  }

  private static final Pattern ADR_FILE = Pattern.compile("(?i)^adr-?(\\d{1,5})\\b");

  /** {@code ADR-0002} for {@code .../adr-0002-sessions.md}, else empty. */
  static String adrNumber(String path) {
    Matcher m = ADR_FILE.matcher(path.substring(path.lastIndexOf('/') + 1));
    return m.find() ? "ADR-%04d".formatted(Integer.parseInt(m.group(1))) : "";
  }

  private static StoredDocument row(ResultSet rs) throws SQLException {
    return new StoredDocument(
        rs.getString(1),
        rs.getString(2),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getInt(8),
        rs.getString(9),
        rs.getString(10),
        metadata(rs.getString(11)));
  }

  /**
   * The connector's metadata as JSON, without the search-only {@code identifiers}; a map too large
   * for the column keeps its shortest values.
   */
  static String metadataJson(Map<String, String> metadata) {
    Map<String, String> kept = new TreeMap<>(metadata);
    kept.remove("identifiers");
    try {
      String json = JSON.writeValueAsString(kept);
      while (json.length() > MAX_METADATA_CHARS && !kept.isEmpty()) {
        kept.entrySet().stream()
            .max(Comparator.comparingInt(e -> e.getValue().length()))
            .ifPresent(e -> kept.remove(e.getKey()));
        json = JSON.writeValueAsString(kept);
      }
      return json;
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("a map of strings is JSON", e);
    }
  }

  private static Map<String, String> metadata(String json) {
    try {
      return json == null || json.isBlank() ? Map.of() : JSON.readValue(json, STRINGS);
    } catch (JsonProcessingException e) {
      return Map.of();
    }
  }
}
