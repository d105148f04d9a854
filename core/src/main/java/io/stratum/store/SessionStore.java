package io.stratum.store;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Browser sessions, in the database so that every server answers every request. A session is found
 * by the SHA-256 of its id (the id itself is never stored); the credential it re-checks on each
 * request is sealed with {@link BodyCipher}, so reading the table does not hand out credentials.
 *
 * <pre>{@code
 * SessionStore sessions = new SessionStore(db.sql(), cipher);
 * sessions.open(hash, new SessionStore.Session("dana", token, csrf, "token", now, end), 20);
 * Optional<SessionStore.Session> s = sessions.find(hash, now);
 * }</pre>
 */
public final class SessionStore {
  /**
   * One open session, its credential in clear.
   *
   * @param credential what it was opened with, checked again on every request
   * @param csrf the token a state-changing request authenticated by this session must echo
   * @param via how it was opened: {@code token} or {@code oidc}
   */
  public record Session(
      String principalId,
      String credential,
      String csrf,
      String via,
      Instant openedAt,
      Instant expiresAt) {}

  private static final Logger LOG = LoggerFactory.getLogger(SessionStore.class);
  private static final String COLUMNS =
      "id_hash, principal_id, credential, csrf, via, opened_at, expires_at";

  private final Sql sql;
  private final BodyCipher cipher;

  public SessionStore(Sql sql, BodyCipher cipher) {
    this.sql = sql;
    this.cipher = cipher;
  }

  /**
   * Saves {@code s} under {@code idHash}, first dropping the expired sessions and closing its
   * principal's oldest so that it holds at most {@code maxPerPrincipal} with this one. Opens of one
   * principal on several servers take turns (a lock on the principal), so the limit holds across
   * them.
   */
  public void open(String idHash, Session s, int maxPerPrincipal) {
    sql.update(
        "open a session of " + s.principalId(),
        tx -> {
          tx.lock("session:" + s.principalId());
          tx.update("DELETE FROM browser_sessions WHERE expires_at <= ?", ts(s.openedAt()));
          List<String> mine =
              tx.list(
                  "SELECT id_hash FROM browser_sessions WHERE principal_id = ?"
                      + " ORDER BY opened_at DESC, id_hash",
                  rs -> rs.getString(1),
                  s.principalId());
          for (String old : mine.subList(Math.min(mine.size(), maxPerPrincipal - 1), mine.size())) {
            tx.update("DELETE FROM browser_sessions WHERE id_hash = ?", old);
          }
          tx.update(
              "INSERT INTO browser_sessions (" + COLUMNS + ") VALUES (?, ?, ?, ?, ?, ?, ?)",
              idHash,
              s.principalId(),
              cipher.seal(s.credential()),
              s.csrf(),
              s.via(),
              ts(s.openedAt()),
              ts(s.expiresAt()));
        });
  }

  /**
   * The session {@code idHash} names, unless it has expired by {@code now} (then it is deleted).
   */
  public Optional<Session> find(String idHash, Instant now) {
    Optional<Session> s =
        sql.read(
            "find a session",
            tx ->
                tx.one(
                    "SELECT " + COLUMNS + " FROM browser_sessions WHERE id_hash = ?",
                    this::row,
                    idHash));
    if (s.isPresent() && !now.isBefore(s.get().expiresAt())) {
      close(idHash);
      return Optional.empty();
    }
    if (s.isPresent() && s.get().credential() == null) {
      LOG.warn(
          "a session of {} was sealed under a key this server cannot open, so it is treated as"
              + " ended: give every server the same audit key (kms_key_arn)",
          s.get().principalId());
      return Optional.empty();
    }
    return s;
  }

  /** Deletes the session; returns it when it was there. */
  public Optional<Session> close(String idHash) {
    return sql.write(
        "close a session",
        tx -> {
          Optional<Session> s =
              tx.one(
                  "SELECT " + COLUMNS + " FROM browser_sessions WHERE id_hash = ?",
                  this::row,
                  idHash);
          tx.update("DELETE FROM browser_sessions WHERE id_hash = ?", idHash);
          return s;
        });
  }

  /** Sessions not expired by {@code now}. */
  public int count(Instant now) {
    return sql.read(
        "count sessions",
        tx ->
            tx.one(
                    "SELECT COUNT(*) FROM browser_sessions WHERE expires_at > ?",
                    rs -> rs.getInt(1),
                    ts(now))
                .orElse(0));
  }

  /** A row; its credential is null when this server cannot open it (another server's key). */
  private Session row(ResultSet rs) throws SQLException {
    String credential;
    try {
      credential = cipher.open(rs.getString(3));
    } catch (RuntimeException e) {
      credential = null;
    }
    return new Session(
        rs.getString(2),
        credential,
        rs.getString(4),
        rs.getString(5),
        rs.getTimestamp(6).toInstant(),
        rs.getTimestamp(7).toInstant());
  }

  private static Timestamp ts(Instant i) {
    return Timestamp.from(i);
  }
}
