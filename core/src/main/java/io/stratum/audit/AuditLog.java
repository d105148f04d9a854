package io.stratum.audit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import io.stratum.store.BodyCipher;
import io.stratum.store.Sql;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.Signature;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The append-only audit trail. Each record carries the SHA-256 of the one before it, computed over
 * its metadata and the hash of its body; every {@link #CHECKPOINT_EVERY} records, the latest hash
 * is signed with this instance's Ed25519 key. {@link #verify()} recomputes the chain and checks the
 * signatures, so changing, deleting or reordering any record is reported with where.
 *
 * <p>Writes are serialized by the database (one chain across every process: the write lock on
 * SQLite, an advisory lock on PostgreSQL), each in its own transaction or the caller's: a record is
 * either in the chain or not, never half written. No Java monitor is held around a write: a
 * caller's transaction already holds the database, and a monitor taken inside it would deadlock
 * against a record written outside one.
 */
public final class AuditLog {
  public static final int CHECKPOINT_EVERY = 100;
  static final String GENESIS = "0".repeat(64);
  private static final ObjectMapper JSON =
      new ObjectMapper().configure(SerializationFeature.ORDER_MAP_ENTRIES_BY_KEYS, true);

  private final Sql sql;
  private final KeyPair key;
  private final String keyId;
  private final Path head;
  private final HeadMover mover = new HeadMover(this::writeHead);
  private final BodyCipher cipher;

  /**
   * @param keyFile the Ed25519 signing key without a cipher (created owner-only when missing); with
   *     one, the key is kept in the database, sealed, and shared by every server using it, and this
   *     file is read once, if it exists, to carry an older server's key over
   * @param headFile where the signed head of the chain is kept outside the database, so that
   *     records cut from the end are noticed too
   */
  public AuditLog(Sql sql, Path keyFile, Path headFile) {
    this(sql, keyFile, headFile, null);
  }

  /** As above, with bodies sealed by {@code cipher} at rest (null: stored in clear). */
  public AuditLog(Sql sql, Path keyFile, Path headFile, BodyCipher cipher) {
    this.sql = sql;
    this.cipher = cipher;
    this.key =
        cipher == null ? SigningKey.fromFile(keyFile) : SigningKey.shared(sql, cipher, keyFile);
    this.keyId = SigningKey.keyId(key);
    this.head = headFile;
  }

  /** Appends {@code event}; returns its sequence number. */
  public long record(AuditEvent event) {
    return append(event, 0);
  }

  /**
   * Appends {@code event}, numbered {@code seq} when positive (a gap record, numbered past the lost
   * range so that no lost number is ever reused), else the next number.
   */
  private long append(AuditEvent event, long seq) {
    String metadata = json(event.metadata());
    String plain = event.body().isEmpty() ? null : json(event.body());
    String bodyHash = plain == null ? GENESIS : sha256(plain.getBytes(StandardCharsets.UTF_8));
    String body = plain == null || cipher == null ? plain : cipher.seal(plain);
    Instant at = sql.clock().instant().truncatedTo(ChronoUnit.MILLIS);
    return sql.write(
        "write an audit record",
        c -> {
          // one chain across every process that shares the database
          c.lock("audit-chain");
          long last = 0;
          String prev = GENESIS;
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1");
              ResultSet rs = ps.executeQuery()) {
            if (rs.next()) {
              last = rs.getLong(1);
              prev = rs.getString(2);
            }
          }
          long next = seq > 0 ? seq : last + 1;
          String hash =
              chain(
                  prev,
                  new AuditRecord(
                      next,
                      at,
                      event.action(),
                      event.outcome(),
                      event.principal(),
                      event.workspace(),
                      event.requestId(),
                      metadata,
                      null,
                      bodyHash,
                      prev,
                      ""));
          try (PreparedStatement ps =
              c.prepareStatement(
                  "INSERT INTO audit_records (seq, recorded_at, action, outcome, principal,"
                      + " workspace, request_id, metadata, body, body_hash, prev_hash, hash)"
                      + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
            ps.setLong(1, next);
            ps.setTimestamp(2, Timestamp.from(at));
            ps.setString(3, event.action());
            ps.setString(4, event.outcome());
            ps.setString(5, event.principal());
            ps.setString(6, event.workspace());
            ps.setString(7, event.requestId());
            ps.setString(8, metadata);
            ps.setString(9, body);
            ps.setString(10, bodyHash);
            ps.setString(11, prev);
            ps.setString(12, hash);
            ps.executeUpdate();
          }
          if (next % CHECKPOINT_EVERY == 0) {
            sign(c, next, hash, at);
          }
          // The head moves only once the record is durable: a head ahead of the database means
          // records were lost, never that a write was still in flight.
          sql.afterCommit(() -> mover.moved(next, hash));
          return next;
        });
  }

  /**
   * Replaces the head file ({@code seq hash signature}, written whole or not at all) unless it is
   * already further on: processes sharing the database (a server and the CLI) commit in one order
   * but may reach this point in another, and the head must never move back.
   */
  private void writeHead(long seq, String hash) {
    // A file lock keeps other processes out; within this one, it must not be taken twice.
    synchronized (
        HEAD_LOCKS.computeIfAbsent(head.toAbsolutePath().normalize(), p -> new Object())) {
      writeHeadLocked(seq, hash);
    }
  }

  private static final ConcurrentHashMap<Path, Object> HEAD_LOCKS = new ConcurrentHashMap<>();

  // the newest head this log wrote or found the file already past; under the head's lock above
  private long headWritten;

  private void writeHeadLocked(long seq, String hash) {
    if (seq <= headWritten) {
      return; // flushed already: a head moved by hand since (a test, an operator) is left alone
    }
    Path lockFile = head.resolveSibling(head.getFileName() + ".lock");
    try (FileChannel ch =
            FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        FileLock lock = ch.lock()) {
      Head current = readHead();
      if (current != null && current.seq() >= seq) {
        headWritten = seq; // covered by another log's head: nothing left to write for it
        return;
      }
      Path tmp =
          head.resolveSibling(head.getFileName() + "." + ProcessHandle.current().pid() + ".tmp");
      Files.writeString(tmp, seq + " " + hash + " " + signature(seq, hash) + "\n");
      Files.move(tmp, head, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      headWritten = seq;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the audit head " + head, e);
    }
  }

  /** The signed head kept outside the database; an unreadable one has sequence -1. */
  private record Head(long seq, String hash, String signature) {}

  private Head readHead() {
    if (!Files.exists(head)) {
      return null;
    }
    String[] h;
    try {
      h = Files.readString(head).strip().split(" ");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the audit head " + head, e);
    }
    try {
      if (h.length == 3) {
        return new Head(Long.parseLong(h[0]), h[1], h[2]);
      }
    } catch (NumberFormatException e) {
      // not a head this log wrote: reported as invalid, as is one of the wrong shape
    }
    return new Head(-1, "", "");
  }

  /** Records lost between the signed head and the database, found by {@link #reconcile()}. */
  public record Gap(long fromSeq, long toSeq, long recordedAt) {
    @Override
    public String toString() {
      return fromSeq == toSeq
          ? "record %d was lost (audit.gap at record %d)".formatted(fromSeq, recordedAt)
          : "records %d to %d were lost (audit.gap at record %d)"
              .formatted(fromSeq, toSeq, recordedAt);
    }
  }

  /**
   * Compares the signed head with the database at startup. When the head is further on, records it
   * vouched for are gone (a crash that lost committed data, or records cut from the end): an {@code
   * audit.gap} record is appended numbered past them, naming the lost range, so the loss stays
   * visible to {@link #verify()} however many records follow. Returns the gap, if any.
   */
  public Optional<Gap> reconcile() {
    mover.flush();
    Head h = readHead();
    if (h == null || h.seq() <= 0 || !verifySignature(h.seq(), h.hash(), h.signature())) {
      return Optional.empty();
    }
    long last =
        sql.read(
            "read the end of the audit trail",
            c -> c.one("SELECT MAX(seq) FROM audit_records", rs -> rs.getLong(1)).orElse(0L));
    if (h.seq() <= last) {
      return Optional.empty();
    }
    long at =
        append(
            new AuditEvent(
                "audit.gap",
                "failure",
                "system",
                "",
                "",
                Map.of("fromSeq", last + 1, "toSeq", h.seq(), "lostHeadHash", h.hash()),
                Map.of()),
            h.seq() + 1);
    mover.flush();
    return Optional.of(new Gap(last + 1, h.seq(), at));
  }

  /**
   * A stored body in clear: sealed ones are opened; ones written before sealing was on are JSON.
   */
  private String open(String stored) {
    return cipher == null || stored.startsWith("{") ? stored : cipher.open(stored);
  }

  /**
   * Drops the bodies of records written before {@code before} (the body retention policy); the
   * metadata and the chain stay and still verify. Returns how many bodies were dropped.
   */
  public int expireBodies(Instant before) {
    return sql.write(
        "expire audit bodies",
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement(
                  "UPDATE audit_records SET body = NULL WHERE recorded_at < ? AND body IS NOT NULL")) {
            ps.setTimestamp(1, Timestamp.from(before));
            return ps.executeUpdate();
          }
        });
  }

  /** Signs the latest record now (e.g. at shutdown); returns its sequence number, 0 if none. */
  public long checkpoint() {
    return sql.write(
        "sign an audit checkpoint",
        c -> {
          c.lock("audit-chain");
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT seq, hash FROM audit_records ORDER BY seq DESC LIMIT 1");
              ResultSet rs = ps.executeQuery()) {
            if (!rs.next()) {
              return 0L;
            }
            long seq = rs.getLong(1);
            try (PreparedStatement exists =
                c.prepareStatement("SELECT 1 FROM audit_checkpoints WHERE seq = ?")) {
              exists.setLong(1, seq);
              try (ResultSet e = exists.executeQuery()) {
                if (!e.next()) {
                  sign(c, seq, rs.getString(2), sql.clock().instant());
                }
              }
            }
            return seq;
          }
        });
  }

  /** The result of {@link #verify()}: fine, or the first problem found. */
  public record Verification(
      boolean ok, long records, long checkpoints, String problem, List<Gap> gaps) {
    public Verification {
      gaps = List.copyOf(gaps);
    }

    Verification(boolean ok, long records, long checkpoints, String problem) {
      this(ok, records, checkpoints, problem, List.of());
    }

    @Override
    public String toString() {
      if (!ok) {
        return problem;
      }
      String done = "verified %d records, %d signed checkpoints".formatted(records, checkpoints);
      if (gaps.isEmpty()) {
        return done;
      }
      return done
          + "; "
          + gaps.size()
          + (gaps.size() == 1 ? " gap" : " gaps")
          + " recorded at startup: "
          + String.join("; ", gaps.stream().map(Gap::toString).toList());
    }
  }

  /**
   * Writes the signed head for every record committed so far. The head follows the records on
   * another thread ({@link HeadMover}); call this before reading the head file, and at shutdown.
   */
  public void flushHead() {
    mover.flush();
  }

  /** Recomputes the whole chain and checks every checkpoint signature. */
  public Verification verify() {
    mover.flush();
    return sql.read(
        "verify the audit trail",
        c -> {
          long expected = 1;
          long present = 0;
          String prev = GENESIS;
          List<Gap> gaps = new ArrayList<>();
          Map<Long, String> hashes = new HashMap<>();
          try (PreparedStatement ps =
                  c.prepareStatement("SELECT " + COLUMNS + " FROM audit_records ORDER BY seq");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              long seq = rs.getLong(1);
              if (seq != expected && isGapRecord(rs, expected, seq - 1)) {
                gaps.add(new Gap(expected, seq - 1, seq));
                expected = seq;
              }
              if (seq != expected) {
                return new Verification(
                    false,
                    expected - 1,
                    0,
                    "record %d is missing (the next record is %d): a record was deleted"
                        .formatted(expected, seq));
              }
              if (!rs.getString(11).equals(prev)) {
                return new Verification(
                    false,
                    seq - 1,
                    0,
                    "record %d does not follow record %d (its previous hash differs): records were reordered or replaced"
                        .formatted(seq, seq - 1));
              }
              String body = rs.getString(9);
              String bodyHash = rs.getString(10);
              if (body != null) {
                String plain;
                try {
                  plain = open(body);
                } catch (RuntimeException e) {
                  return new Verification(
                      false,
                      seq - 1,
                      0,
                      "record %d: its body does not decrypt (changed, or sealed under another key)"
                          .formatted(seq));
                }
                if (!sha256(plain.getBytes(StandardCharsets.UTF_8)).equals(bodyHash)) {
                  return new Verification(
                      false, seq - 1, 0, "record %d: its body was changed".formatted(seq));
                }
              }
              String recomputed = chain(prev, row(rs));
              if (!recomputed.equals(rs.getString(12))) {
                return new Verification(
                    false, seq - 1, 0, "record %d: its contents were changed".formatted(seq));
              }
              hashes.put(seq, recomputed);
              prev = recomputed;
              expected++;
              present++;
            }
          }
          long checkpoints = 0;
          try (PreparedStatement ps =
                  c.prepareStatement(
                      "SELECT seq, hash, signature FROM audit_checkpoints ORDER BY seq");
              ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
              long seq = rs.getLong(1);
              String hash = rs.getString(2);
              if (!hash.equals(hashes.get(seq)) || !verifySignature(seq, hash, rs.getString(3))) {
                return new Verification(
                    false,
                    expected - 1,
                    checkpoints,
                    "checkpoint at record %d does not match the chain or its signature"
                        .formatted(seq));
              }
              checkpoints++;
            }
          }
          Head h = readHead();
          if (h != null) {
            long headSeq = h.seq();
            if (!verifySignature(headSeq, h.hash(), h.signature())) {
              return new Verification(
                  false, expected - 1, checkpoints, "the signed head " + head + " is not valid");
            }
            if (headSeq > expected - 1) {
              return new Verification(
                  false,
                  expected - 1,
                  checkpoints,
                  "records %d to %d are missing: the signed head is at record %d"
                      .formatted(expected, headSeq, headSeq));
            }
            boolean lostAndRecorded =
                gaps.stream().anyMatch(g -> headSeq >= g.fromSeq() && headSeq <= g.toSeq());
            if (!lostAndRecorded && !h.hash().equals(hashes.get(headSeq))) {
              return new Verification(
                  false,
                  expected - 1,
                  checkpoints,
                  "record %d differs from the signed head".formatted(headSeq));
            }
          }
          return new Verification(true, present, checkpoints, "", gaps);
        });
  }

  /** Whether the current row is the gap record that accounts for the lost {@code from..to}. */
  private static boolean isGapRecord(ResultSet rs, long from, long to) throws SQLException {
    if (!"audit.gap".equals(rs.getString(3))) {
      return false;
    }
    try {
      JsonNode m = JSON.readTree(rs.getString(8));
      return m.path("fromSeq").asLong() == from && m.path("toSeq").asLong() == to;
    } catch (JsonProcessingException e) {
      return false;
    }
  }

  /**
   * Filters for {@link #query}; null fields do not filter.
   *
   * @param model the model id that served the call (answers, failed model calls)
   */
  public record Query(
      Instant since,
      Instant until,
      String principal,
      Set<String> workspaces,
      String action,
      String model,
      String outcome,
      long afterSeq,
      boolean newestFirst,
      int limit) {
    /** Oldest first, any outcome. */
    public Query(
        Instant since,
        Instant until,
        String principal,
        Set<String> workspaces,
        String action,
        String model,
        long afterSeq,
        int limit) {
      this(since, until, principal, workspaces, action, model, null, afterSeq, false, limit);
    }

    /** Without a model filter. */
    public Query(
        Instant since,
        Instant until,
        String principal,
        Set<String> workspaces,
        String action,
        long afterSeq,
        int limit) {
      this(since, until, principal, workspaces, action, null, afterSeq, limit);
    }
  }

  /**
   * Records matching {@code q} from its cursor {@code q.afterSeq()}: oldest first, those after it;
   * newest first, those before it (0: from the newest).
   */
  public List<AuditRecord> query(Query q) {
    StringBuilder where =
        new StringBuilder(q.newestFirst() ? " WHERE (? = 0 OR seq < ?)" : " WHERE seq > ?");
    List<Object> args = new ArrayList<>();
    args.add(q.afterSeq());
    if (q.newestFirst()) {
      args.add(q.afterSeq());
    }
    if (q.outcome() != null) {
      where.append(" AND outcome = ?");
      args.add(q.outcome());
    }
    if (q.since() != null) {
      where.append(" AND recorded_at >= ?");
      args.add(Timestamp.from(q.since()));
    }
    if (q.until() != null) {
      where.append(" AND recorded_at < ?");
      args.add(Timestamp.from(q.until()));
    }
    if (q.principal() != null) {
      where.append(" AND principal = ?");
      args.add(q.principal());
    }
    if (q.action() != null) {
      where.append(" AND action LIKE ?");
      args.add(q.action().replace("*", "%"));
    }
    if (q.model() != null) {
      // Metadata is JSON written by one mapper, so a model is always the text "model":"<id>".
      where.append(" AND metadata LIKE ? ESCAPE '!'");
      args.add("%" + likeLiteral("\"model\":" + json(q.model())) + "%");
    }
    if (q.workspaces() != null) {
      where
          .append(" AND workspace IN (")
          .append(String.join(", ", Collections.nCopies(Math.max(1, q.workspaces().size()), "?")))
          .append(")");
      args.addAll(q.workspaces().isEmpty() ? List.of("") : q.workspaces());
    }
    return select(where.toString(), args, q.limit(), true, q.newestFirst());
  }

  /**
   * Up to {@code limit} records after {@code afterSeq}, oldest first, bodies left sealed: what an
   * export reads, which never needs the customer key.
   */
  public List<AuditRecord> sealedAfter(long afterSeq, int limit) {
    return select(" WHERE seq > ?", List.of(afterSeq), limit, false, false);
  }

  private List<AuditRecord> select(
      String where, List<Object> args, int limit, boolean open, boolean newestFirst) {
    return sql.read(
        "query the audit trail",
        c -> {
          List<AuditRecord> out = new ArrayList<>();
          try (PreparedStatement ps =
              c.prepareStatement(
                  "SELECT "
                      + COLUMNS
                      + " FROM audit_records"
                      + where
                      + (newestFirst ? " ORDER BY seq DESC LIMIT ?" : " ORDER BY seq LIMIT ?"))) {
            int i = 1;
            for (Object a : args) {
              ps.setObject(i++, a);
            }
            ps.setInt(i, limit);
            try (ResultSet rs = ps.executeQuery()) {
              while (rs.next()) {
                AuditRecord r = row(rs);
                out.add(!open || r.body() == null ? r : r.withBody(open(r.body())));
              }
            }
          }
          return out;
        });
  }

  private static String likeLiteral(String text) {
    return text.replace("!", "!!").replace("%", "!%").replace("_", "!_");
  }

  /** The columns {@link #row} reads, in its order. */
  private static final String COLUMNS =
      "seq, recorded_at, action, outcome, principal, workspace, request_id, metadata, body,"
          + " body_hash, prev_hash, hash";

  /** A record as stored (its body still sealed). */
  private static AuditRecord row(ResultSet rs) throws SQLException {
    return new AuditRecord(
        rs.getLong(1),
        rs.getTimestamp(2).toInstant(),
        rs.getString(3),
        rs.getString(4),
        rs.getString(5),
        rs.getString(6),
        rs.getString(7),
        rs.getString(8),
        rs.getString(9),
        rs.getString(10),
        rs.getString(11),
        rs.getString(12));
  }

  /** The hash {@code r} must carry, after a record whose hash is {@code prev}. */
  static String chain(String prev, AuditRecord r) {
    String canonical =
        String.join(
            "\n",
            prev,
            Long.toString(r.seq()),
            r.at().truncatedTo(ChronoUnit.MILLIS).toString(),
            r.action(),
            r.outcome(),
            r.principal(),
            r.workspace(),
            r.requestId(),
            r.metadata(),
            r.bodyHash());
    return sha256(canonical.getBytes(StandardCharsets.UTF_8));
  }

  private void sign(Sql.Tx c, long seq, String hash, Instant at) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO audit_checkpoints (seq, hash, signature, key_id, signed_at) VALUES (?, ?, ?, ?, ?)")) {
      ps.setLong(1, seq);
      ps.setString(2, hash);
      ps.setString(3, signature(seq, hash));
      ps.setString(4, keyId);
      ps.setTimestamp(5, Timestamp.from(at));
      ps.executeUpdate();
    }
  }

  private String signature(long seq, String hash) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initSign(key.getPrivate());
      s.update((seq + ":" + hash).getBytes(StandardCharsets.UTF_8));
      return Base64.getEncoder().encodeToString(s.sign());
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign an audit checkpoint", e);
    }
  }

  private boolean verifySignature(long seq, String hash, String signature) {
    try {
      Signature s = Signature.getInstance("Ed25519");
      s.initVerify(key.getPublic());
      s.update((seq + ":" + hash).getBytes(StandardCharsets.UTF_8));
      return s.verify(Base64.getDecoder().decode(signature));
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      return false;
    }
  }

  private static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("cannot render an audit record as JSON", e);
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
