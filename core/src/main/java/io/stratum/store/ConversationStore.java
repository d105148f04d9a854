package io.stratum.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Conversations, their messages and the workspaces they span. What people wrote (titles, messages,
 * summaries) is sealed at rest with the same envelope keys as audit bodies; ids, times, citations
 * and flags stay in clear so conversations can be listed and checked.
 */
public final class ConversationStore {
  private final Sql sql;
  private final BodyCipher cipher;

  public ConversationStore(Sql sql, BodyCipher cipher) {
    this.sql = sql;
    this.cipher = cipher;
  }

  /**
   * A new, empty conversation of {@code principal} over {@code workspaces} (the first is billed).
   */
  public String startConversation(String principal, List<String> workspaces, String title) {
    String id = UUID.randomUUID().toString();
    sql.update(
        "start a conversation",
        tx -> {
          tx.update(
              "INSERT INTO conversations (id, workspace_id, created_at, principal_id, title,"
                  + " summary) VALUES (?, ?, ?, ?, ?, ?)",
              id,
              workspaces.get(0),
              sql.now(),
              principal,
              cipher.seal(title),
              cipher.seal(""));
          List<Object[]> rows = new ArrayList<>();
          for (String ws : new LinkedHashSet<>(workspaces)) {
            rows.add(new Object[] {id, ws});
          }
          tx.batch(
              "INSERT INTO conversation_scopes (conversation_id, workspace_id) VALUES (?, ?)",
              rows);
        });
    return id;
  }

  /** Appends a question and its answer to a conversation. */
  public void appendTurn(
      String id, String question, String answer, List<String> citations, boolean refused) {
    sql.update(
        "add a turn to conversation " + id,
        tx -> {
          int next =
              tx.one(
                      "SELECT COALESCE(MAX(ordinal), -1) + 1 FROM messages"
                          + " WHERE conversation_id = ?",
                      rs -> rs.getInt(1),
                      id)
                  .orElse(0);
          addTurn(tx, id, next, question, answer, citations, refused, sql.now());
        });
  }

  public void setSummary(String id, String summary) {
    sql.update(
        "save the summary of conversation " + id,
        tx ->
            tx.update(
                "UPDATE conversations SET summary = ? WHERE id = ?", cipher.seal(summary), id));
  }

  /** One line of a conversation list. */
  public record ConversationHeader(String id, String title, Instant createdAt) {}

  /**
   * {@code principal}'s conversations, newest first, {@code limit} at a time, after the one {@code
   * afterId} names (a cursor; null for the first page).
   */
  public List<ConversationHeader> conversationsOf(String principal, String afterId, int limit) {
    return sql.read(
        "list the conversations of " + principal,
        tx -> {
          if (afterId == null) {
            return tx.list(
                "SELECT id, title, created_at FROM conversations WHERE principal_id = ?"
                    + " ORDER BY created_at DESC, id DESC LIMIT ?",
                this::header,
                principal,
                limit);
          }
          Timestamp at =
              tx.one(
                      "SELECT created_at FROM conversations WHERE id = ?",
                      rs -> rs.getTimestamp(1),
                      afterId)
                  .orElseThrow(
                      () ->
                          new IllegalArgumentException(
                              "cursor: no conversation '" + afterId + "'"));
          return tx.list(
              "SELECT id, title, created_at FROM conversations WHERE principal_id = ?"
                  + " AND (created_at < ? OR (created_at = ? AND id < ?))"
                  + " ORDER BY created_at DESC, id DESC LIMIT ?",
              this::header,
              principal,
              at,
              at,
              afterId,
              limit);
        });
  }

  public Optional<Conversation> conversation(String id) {
    return sql.read(
        "read conversation " + id,
        tx -> {
          Optional<Conversation> head =
              tx.one(
                  "SELECT workspace_id, created_at, principal_id, summary FROM conversations"
                      + " WHERE id = ?",
                  rs ->
                      new Conversation(
                          id,
                          rs.getString(1),
                          rs.getTimestamp(2).toInstant(),
                          List.of(),
                          rs.getString(3),
                          List.of(),
                          open(rs.getString(4))),
                  id);
          if (head.isEmpty()) {
            return head;
          }
          Conversation c = head.get();
          List<Message> messages =
              tx.list(
                  "SELECT role, body, citations, refused, created_at FROM messages"
                      + " WHERE conversation_id = ? ORDER BY ordinal",
                  rs -> {
                    String cited = rs.getString(3);
                    return new Message(
                        rs.getString(1),
                        open(rs.getString(2)),
                        cited.isEmpty() ? List.of() : Arrays.asList(cited.split("\n")),
                        rs.getBoolean(4),
                        rs.getTimestamp(5).toInstant());
                  },
                  id);
          List<String> scope =
              new ArrayList<>(
                  tx.list(
                      "SELECT workspace_id FROM conversation_scopes WHERE conversation_id = ?"
                          + " ORDER BY workspace_id",
                      rs -> rs.getString(1),
                      id));
          if (scope.isEmpty()) {
            scope.add(c.workspace()); // a one-shot ask: its one workspace
          }
          return Optional.of(
              new Conversation(
                  id, c.workspace(), c.createdAt(), messages, c.principal(), scope, c.summary()));
        });
  }

  /** Deletes the conversations billed to {@code workspace} and every scope entry naming it. */
  public void deleteWorkspace(String workspace) {
    sql.update(
        "delete the conversations of " + workspace,
        tx -> {
          tx.update(
              "DELETE FROM messages WHERE conversation_id IN"
                  + " (SELECT id FROM conversations WHERE workspace_id = ?)",
              workspace);
          tx.update(
              "DELETE FROM conversation_scopes WHERE conversation_id IN"
                  + " (SELECT id FROM conversations WHERE workspace_id = ?)",
              workspace);
          tx.update("DELETE FROM conversations WHERE workspace_id = ?", workspace);
          tx.update("DELETE FROM conversation_scopes WHERE workspace_id = ?", workspace);
        });
  }

  private ConversationHeader header(ResultSet rs) throws SQLException {
    return new ConversationHeader(
        rs.getString(1), open(rs.getString(2)), rs.getTimestamp(3).toInstant());
  }

  private String open(String stored) {
    return stored == null || stored.isEmpty() ? "" : cipher.open(stored);
  }

  private void addTurn(
      Sql.Tx tx,
      String id,
      int ordinal,
      String question,
      String answer,
      List<String> citations,
      boolean refused,
      Timestamp at)
      throws SQLException {
    String insert =
        "INSERT INTO messages (conversation_id, ordinal, role, body, citations, refused,"
            + " created_at) VALUES (?, ?, ?, ?, ?, ?, ?)";
    tx.batch(
        insert,
        List.of(
            new Object[] {id, ordinal, "user", cipher.seal(question), "", false, at},
            new Object[] {
              id,
              ordinal + 1,
              "assistant",
              cipher.seal(answer),
              String.join("\n", citations),
              refused,
              at
            }));
  }
}
