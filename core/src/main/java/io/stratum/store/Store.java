package io.stratum.store;

import io.stratum.chunk.Chunk;
import io.stratum.corpus.SourceDocument;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.flywaydb.core.Flyway;

/**
 * The relational store: workspaces, documents and their chunks, conversations. Schema changes are
 * versioned Flyway migrations ({@code db/migration/V*.sql}) in SQL that H2 and PostgreSQL both run.
 *
 * <pre>{@code
 * try (Store store = Store.openFile(Path.of("stratum-data"))) {
 *   store.ensureWorkspace("security", "Security");
 * }
 * }</pre>
 */
public final class Store implements AutoCloseable {
  /** H2's error code for a file database another process holds open. */
  private static final int DATABASE_ALREADY_OPEN = 90020;

  private final String url;
  private final Sql sql;
  // Held open so an embedded database stays open between operations.
  private final Connection keeper;

  private Store(String url, Clock clock) {
    this.url = url;
    this.sql = new Sql(url, clock);
    try {
      this.keeper = DriverManager.getConnection(url);
    } catch (SQLException e) {
      if (e.getErrorCode() == DATABASE_ALREADY_OPEN) {
        StoreException inUse =
            new StoreException(
                "the database "
                    + redact(url)
                    + " is in use by another Stratum process (a running `stratum serve`?); stop it,"
                    + " or use its HTTP API (and its /mcp endpoint) instead");
        inUse.initCause(e);
        throw inUse;
      }
      throw new StoreException("cannot open the database " + redact(url), e);
    }
    Flyway.configure()
        .dataSource(url, null, null)
        .locations("classpath:db/migration")
        .load()
        .migrate();
  }

  /** Opens (creating if needed) the embedded H2 database under {@code dataDir}. */
  public static Store openFile(Path dataDir) {
    // WRITE_DELAY=0: a commit reaches the file before it returns, so a killed process loses no
    // committed transaction (H2's default keeps up to a second of commits in memory).
    return open(
        "jdbc:h2:file:"
            + dataDir.toAbsolutePath().normalize().resolve("stratum")
            + ";WRITE_DELAY=0");
  }

  /** Opens the database at a JDBC URL and brings its schema up to date. */
  public static Store open(String jdbcUrl) {
    return new Store(jdbcUrl, Clock.systemUTC());
  }

  /** As {@link #open(String)}, with the clock that stamps rows (tests move it across months). */
  public static Store open(String jdbcUrl, Clock clock) {
    return new Store(jdbcUrl, clock);
  }

  public void ensureWorkspace(String id, String name) {
    write(
        "create workspace " + id,
        c -> {
          if (workspace(c, id).isPresent()) {
            return null;
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO workspaces (id, name, created_at) VALUES (?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, name);
            ps.setTimestamp(3, now());
            ps.executeUpdate();
          }
          return null;
        });
  }

  public List<Workspace> workspaces() {
    return read(
        "list workspaces",
        c -> {
          List<Workspace> all = new ArrayList<>();
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT id, name FROM workspaces ORDER BY id");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              all.add(new Workspace(rs.getString(1), rs.getString(2)));
            }
          }
          return all;
        });
  }

  public Optional<Workspace> workspace(String id) {
    return read("read workspace " + id, c -> workspace(c, id));
  }

  public Optional<StoredDocument> document(String id) {
    return read(
        "read document " + id,
        c -> {
          List<StoredDocument> found = documents(c, "WHERE id = ?", id);
          return found.stream().findFirst();
        });
  }

  /** The text of a document's chunks, in order. */
  public List<String> chunkTexts(String documentId) {
    return read(
        "read the chunks of " + documentId,
        c -> {
          List<String> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT body FROM chunks WHERE document_id = ? ORDER BY ordinal")) {
            ps.setString(1, documentId);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(rs.getString(1));
              }
            }
          }
          return out;
        });
  }

  /** Every document a source produced, for finding the ones it no longer has. */
  public List<StoredDocument> documentsOfSource(String source) {
    return read("list documents of " + source, c -> documents(c, "WHERE source = ?", source));
  }

  public int documentCount() {
    return read(
        "count documents",
        c -> {
          try (PreparedStatement ps = c.prepareStatement("SELECT COUNT(*) FROM documents");
              ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getInt(1);
          }
        });
  }

  /** Records a document and replaces its chunks, in one transaction. */
  public void saveDocument(String source, SourceDocument doc, List<Chunk> chunks) {
    write(
        "save document " + doc.id(),
        c -> {
          deleteDocument(c, doc.id());
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO documents (id, workspace_id, source, source_kind, path, title,"
                      + " status, supersedes, content_hash, chunk_count, ingested_at)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setString(1, doc.id());
            ps.setString(2, doc.workspace());
            ps.setString(3, source);
            ps.setString(4, doc.sourceKind());
            ps.setString(5, doc.path());
            ps.setString(6, doc.title());
            ps.setString(7, doc.status());
            ps.setString(8, doc.supersedes());
            ps.setString(9, doc.contentHash());
            ps.setInt(10, chunks.size());
            ps.setTimestamp(11, now());
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO chunks (document_id, ordinal, heading_path, body) VALUES (?, ?, ?,"
                      + " ?)")) {
            for (Chunk chunk : chunks) {
              ps.setString(1, doc.id());
              ps.setInt(2, chunk.ordinal());
              ps.setString(3, chunk.heading());
              ps.setString(4, chunk.text());
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
  }

  public void deleteDocument(String id) {
    write(
        "delete document " + id,
        c -> {
          deleteDocument(c, id);
          return null;
        });
  }

  /** Where {@code source}'s next incremental scan starts, if a scan has saved one. */
  public Optional<String> cursor(String source) {
    return read(
        "read the cursor of " + source,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT cursor_val FROM source_cursors WHERE source = ?")) {
            ps.setString(1, source);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? Optional.of(rs.getString(1)) : Optional.empty();
            }
          }
        });
  }

  /** Saves {@code source}'s cursor; call only once everything the scan found is stored. */
  public void saveCursor(String source, String cursor) {
    write(
        "save the cursor of " + source,
        c -> {
          try (PreparedStatement del =
                  c.prepareStatement("DELETE FROM source_cursors WHERE source = ?");
              PreparedStatement ins =
                  c.prepareStatement(
                      "INSERT INTO source_cursors (source, cursor_val, saved_at) VALUES (?, ?, ?)")) {
            del.setString(1, source);
            del.executeUpdate();
            ins.setString(1, source);
            ins.setString(2, cursor);
            ins.setTimestamp(3, now());
            ins.executeUpdate();
          }
          return null;
        });
  }

  /** Stores a question and its answer as a new conversation; returns the conversation id. */
  public String recordExchange(
      String workspace, String question, String answer, List<String> citations, boolean refused) {
    return recordExchange(null, workspace, question, answer, citations, refused);
  }

  /** As above, owned by {@code principal} (who alone, with admins, may read it back). */
  public String recordExchange(
      String principal,
      String workspace,
      String question,
      String answer,
      List<String> citations,
      boolean refused) {
    String id = UUID.randomUUID().toString();
    write(
        "record conversation in " + workspace,
        c -> {
          Timestamp at = now();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO conversations (id, workspace_id, created_at, principal_id)"
                      + " VALUES (?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, workspace);
            ps.setTimestamp(3, at);
            ps.setString(4, principal);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO messages (conversation_id, ordinal, role, body, citations, refused,"
                      + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            addMessage(ps, id, 0, "user", question, List.of(), false, at);
            addMessage(ps, id, 1, "assistant", answer, citations, refused, at);
            ps.executeBatch();
          }
          return null;
        });
    return id;
  }

  /**
   * A new, empty conversation of {@code principal} over {@code workspaces} (the first is billed).
   */
  public String startConversation(String principal, List<String> workspaces, String title) {
    String id = UUID.randomUUID().toString();
    write(
        "start a conversation",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO conversations (id, workspace_id, created_at, principal_id, title)"
                      + " VALUES (?, ?, ?, ?, ?)")) {
            ps.setString(1, id);
            ps.setString(2, workspaces.get(0));
            ps.setTimestamp(3, now());
            ps.setString(4, principal);
            ps.setString(5, title);
            ps.executeUpdate();
          }
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO conversation_scopes (conversation_id, workspace_id) VALUES (?, ?)")) {
            for (String ws : new java.util.LinkedHashSet<>(workspaces)) {
              ps.setString(1, id);
              ps.setString(2, ws);
              ps.addBatch();
            }
            ps.executeBatch();
          }
          return null;
        });
    return id;
  }

  /** Appends a question and its answer to a conversation. */
  public void appendTurn(
      String id, String question, String answer, List<String> citations, boolean refused) {
    write(
        "add a turn to conversation " + id,
        c -> {
          int next;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT COALESCE(MAX(ordinal), -1) + 1 FROM messages WHERE conversation_id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              rs.next();
              next = rs.getInt(1);
            }
          }
          Timestamp at = now();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO messages (conversation_id, ordinal, role, body, citations, refused,"
                      + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            addMessage(ps, id, next, "user", question, List.of(), false, at);
            addMessage(ps, id, next + 1, "assistant", answer, citations, refused, at);
            ps.executeBatch();
          }
          return null;
        });
  }

  public void setSummary(String id, String summary) {
    write(
        "save the summary of conversation " + id,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE conversations SET summary = ? WHERE id = ?")) {
            ps.setString(1, summary);
            ps.setString(2, id);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** One line of a conversation list. */
  public record ConversationHeader(String id, String title, Instant createdAt) {}

  /**
   * {@code principal}'s conversations, newest first, {@code limit} at a time, after the one {@code
   * afterId} names (a cursor; null for the first page).
   */
  public List<ConversationHeader> conversationsOf(String principal, String afterId, int limit) {
    return read(
        "list the conversations of " + principal,
        c -> {
          String cursorClause = "";
          Timestamp cursorAt = null;
          if (afterId != null) {
            try (PreparedStatement ps =
                c.prepareStatement("SELECT created_at FROM conversations WHERE id = ?")) {
              ps.setString(1, afterId);
              try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                  throw new IllegalArgumentException("cursor: no conversation '" + afterId + "'");
                }
                cursorAt = rs.getTimestamp(1);
              }
            }
            cursorClause = " AND (created_at < ? OR (created_at = ? AND id < ?))";
          }
          List<ConversationHeader> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT id, title, created_at FROM conversations WHERE principal_id = ?"
                      + cursorClause
                      + " ORDER BY created_at DESC, id DESC LIMIT ?")) {
            int i = 1;
            ps.setString(i++, principal);
            if (cursorAt != null) {
              ps.setTimestamp(i++, cursorAt);
              ps.setTimestamp(i++, cursorAt);
              ps.setString(i++, afterId);
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new ConversationHeader(
                        rs.getString(1), rs.getString(2), rs.getTimestamp(3).toInstant()));
              }
            }
          }
          return out;
        });
  }

  /** One source of a workspace's documents, as ingest recorded it. */
  public record SourceSummary(String source, String kind, int documents, Instant lastIngested) {}

  public List<SourceSummary> sourcesOf(String workspace) {
    return read(
        "list the sources of " + workspace,
        c -> {
          List<SourceSummary> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT source, source_kind, COUNT(*), MAX(ingested_at) FROM documents"
                      + " WHERE workspace_id = ? GROUP BY source, source_kind ORDER BY source")) {
            ps.setString(1, workspace);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                out.add(
                    new SourceSummary(
                        rs.getString(1),
                        rs.getString(2),
                        rs.getInt(3),
                        rs.getTimestamp(4).toInstant()));
              }
            }
          }
          return out;
        });
  }

  /**
   * Deletes a workspace with its documents, conversations and memberships. Usage rows stay: they
   * are the billing history.
   */
  public void deleteWorkspace(String workspace) {
    write(
        "delete workspace " + workspace,
        c -> {
          for (String sql :
              List.of(
                  "DELETE FROM documents WHERE workspace_id = ?",
                  "DELETE FROM conversations WHERE workspace_id = ?",
                  "DELETE FROM conversation_scopes WHERE workspace_id = ?",
                  "DELETE FROM workspaces WHERE id = ?")) {
            try (PreparedStatement ps = c.prepareStatement(sql)) {
              ps.setString(1, workspace);
              ps.executeUpdate();
            }
          }
          return null;
        });
  }

  /** The model tiers a workspace may use ({@code advanced}, {@code basic}). */
  public java.util.Set<String> workspaceTiers(String workspace) {
    return read(
        "read the tiers of " + workspace,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT model_tiers FROM workspaces WHERE id = ?")) {
            ps.setString(1, workspace);
            try (ResultSet rs = ps.executeQuery()) {
              java.util.Set<String> out = new java.util.LinkedHashSet<>();
              if (rs.next()) {
                for (String t : rs.getString(1).split(",")) {
                  if (!t.isBlank()) {
                    out.add(t.strip());
                  }
                }
              }
              return out;
            }
          }
        });
  }

  public void setWorkspaceTiers(String workspace, java.util.Set<String> tiers) {
    write(
        "set the tiers of " + workspace,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE workspaces SET model_tiers = ? WHERE id = ?")) {
            ps.setString(1, String.join(",", tiers));
            ps.setString(2, workspace);
            ps.executeUpdate();
          }
          return null;
        });
  }

  /** A workspace's instructions, appended to the platform prompt on every turn in it. */
  public String workspacePrompt(String workspace) {
    return read(
        "read the prompt of " + workspace,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT system_prompt FROM workspaces WHERE id = ?")) {
            ps.setString(1, workspace);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getString(1) : "";
            }
          }
        });
  }

  public void setWorkspacePrompt(String workspace, String prompt) {
    write(
        "set the prompt of " + workspace,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("UPDATE workspaces SET system_prompt = ? WHERE id = ?")) {
            ps.setString(1, prompt);
            ps.setString(2, workspace);
            ps.executeUpdate();
          }
          return null;
        });
  }

  public Optional<Conversation> conversation(String id) {
    return read(
        "read conversation " + id,
        c -> {
          String workspace;
          Instant created;
          String owner;
          String summary;
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT workspace_id, created_at, principal_id, summary FROM conversations"
                      + " WHERE id = ?")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              if (!rs.next()) {
                return Optional.empty();
              }
              workspace = rs.getString(1);
              created = rs.getTimestamp(2).toInstant();
              owner = rs.getString(3);
              summary = rs.getString(4);
            }
          }
          List<Message> messages = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT role, body, citations, refused, created_at FROM messages"
                      + " WHERE conversation_id = ? ORDER BY ordinal")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                String cited = rs.getString(3);
                messages.add(
                    new Message(
                        rs.getString(1),
                        rs.getString(2),
                        cited.isEmpty() ? List.of() : Arrays.asList(cited.split("\n")),
                        rs.getBoolean(4),
                        rs.getTimestamp(5).toInstant()));
              }
            }
          }
          List<String> scope = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT workspace_id FROM conversation_scopes WHERE conversation_id = ?"
                      + " ORDER BY workspace_id")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                scope.add(rs.getString(1));
              }
            }
          }
          if (scope.isEmpty()) {
            scope.add(workspace); // a one-shot ask: its one workspace
          }
          return Optional.of(
              new Conversation(id, workspace, created, messages, owner, scope, summary));
        });
  }

  @Override
  public void close() {
    try {
      keeper.close();
    } catch (SQLException e) {
      throw new StoreException("cannot close the database " + redact(url), e);
    }
  }

  private static void addMessage(
      PreparedStatement ps,
      String conversation,
      int ordinal,
      String role,
      String body,
      List<String> citations,
      boolean refused,
      Timestamp at)
      throws SQLException {
    ps.setString(1, conversation);
    ps.setInt(2, ordinal);
    ps.setString(3, role);
    ps.setString(4, body);
    ps.setString(5, String.join("\n", citations));
    ps.setBoolean(6, refused);
    ps.setTimestamp(7, at);
    ps.addBatch();
  }

  private static void deleteDocument(Connection c, String id) throws SQLException {
    try (PreparedStatement chunks = c.prepareStatement("DELETE FROM chunks WHERE document_id = ?");
        PreparedStatement doc = c.prepareStatement("DELETE FROM documents WHERE id = ?")) {
      chunks.setString(1, id);
      chunks.executeUpdate();
      doc.setString(1, id);
      doc.executeUpdate();
    }
  }

  private static Optional<Workspace> workspace(Connection c, String id) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement("SELECT id, name FROM workspaces WHERE id = ?")) {
      ps.setString(1, id);
      try (ResultSet rs = ps.executeQuery()) {
        return rs.next()
            ? Optional.of(new Workspace(rs.getString(1), rs.getString(2)))
            : Optional.empty();
      }
    }
  }

  private static List<StoredDocument> documents(Connection c, String where, String arg)
      throws SQLException {
    List<StoredDocument> docs = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, workspace_id, source, path, title, status, content_hash, chunk_count"
                + " FROM documents "
                + where
                + " ORDER BY id")) {
      ps.setString(1, arg);
      try (ResultSet rs = ps.executeQuery()) {
        while (rs.next()) {
          docs.add(
              new StoredDocument(
                  rs.getString(1),
                  rs.getString(2),
                  rs.getString(3),
                  rs.getString(4),
                  rs.getString(5),
                  rs.getString(6),
                  rs.getString(7),
                  rs.getInt(8)));
        }
      }
    }
    return docs;
  }

  private Timestamp now() {
    return sql.now();
  }

  private <T> T read(String what, Sql.Work<T> work) {
    return sql.read(what, work);
  }

  private <T> T write(String what, Sql.Work<T> work) {
    return sql.write(what, work);
  }

  /** The database, for the feature stores that keep their own tables in it. */
  public Sql sql() {
    return sql;
  }

  private static String redact(String url) {
    return url.replaceAll("(?i)(password=)[^;&]*", "$1***");
  }
}
