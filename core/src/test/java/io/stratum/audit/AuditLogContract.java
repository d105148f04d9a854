package io.stratum.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.store.Database;
import io.stratum.store.TestDatabases;
import io.stratum.store.TestStores;
import io.stratum.testing.MovableClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Tampering with any single record is found, and said where. */
abstract class AuditLogContract {
  /** The engine this run of the suite stores in. */
  abstract TestDatabases.Engine engine();

  @TempDir Path dir;
  TestStores store;
  AuditLog log;

  /** Record n of the five below is written at T0 plus n - 1 minutes. */
  static final Instant T0 = Instant.parse("2026-12-02T09:00:00Z");

  final MovableClock clock = new MovableClock(T0);

  @BeforeEach
  void open() {
    store = TestStores.open(engine(), dir, clock);
    log =
        opened(
            new AuditLog(store.sql(), dir.resolve("audit-signing.key"), dir.resolve("audit-head")));
    for (int i = 1; i <= 5; i++) {
      clock.now = T0.plusSeconds(60L * (i - 1));
      log.record(
          new AuditEvent(
              "chat.answer",
              "success",
              "alice",
              "security",
              "req-" + i,
              Map.of("model", "openai.gpt-5.5", "n", i),
              Map.of("question", "q" + i, "answer", "a" + i)));
    }
    log.flushHead(); // the tests below read and replace the head file
  }

  private final List<AuditLog> opened = new ArrayList<>();

  /** Tracked, so that its head's own thread is done with the directory before it goes. */
  private AuditLog opened(AuditLog l) {
    opened.add(l);
    return l;
  }

  @AfterEach
  void close() {
    if (store != null) { // null when the engine was skipped (no PostgreSQL server)
      opened.forEach(AuditLog::flushHead);
      store.close();
    }
  }

  private void sql(String statement) {
    store
        .sql()
        .write(
            "tamper",
            c -> {
              try (PreparedStatement ps = c.prepareStatement(statement)) {
                ps.executeUpdate();
              }
              return null;
            });
  }

  /**
   * {@code verify()} fails with {@code problem}, having vouched for the first {@code records}
   * records and {@code checkpoints} checkpoints before it.
   */
  private void assertFails(AuditLog on, long records, long checkpoints, String problem) {
    assertThat(on.verify())
        .isEqualTo(new AuditLog.Verification(false, records, checkpoints, problem, List.of()));
  }

  private void assertFails(long records, long checkpoints, String problem) {
    assertFails(log, records, checkpoints, problem);
  }

  @Test
  void an_untouched_trail_verifies_and_queries_by_workspace_and_action() {
    log.checkpoint();

    assertThat(log.verify().toString()).isEqualTo("verified 5 records, 1 signed checkpoints");
    assertThat(
            log.query(new AuditLog.Query(null, null, "alice", Set.of("security"), "chat.*", 2, 10)))
        .extracting(AuditRecord::seq)
        .containsExactly(3L, 4L, 5L);
  }

  @Test
  void a_changed_record_is_found() {
    sql("UPDATE audit_records SET metadata = '{\"model\":\"other\",\"n\":3}' WHERE seq = 3");

    assertFails(2, 0, "record 3: its contents were changed");
  }

  @Test
  void a_changed_body_is_found_and_an_expired_one_is_not_an_error() {
    sql("UPDATE audit_records SET body = NULL WHERE seq = 2");
    assertThat(log.verify().ok()).isTrue();

    sql("UPDATE audit_records SET body = '{\"answer\":\"forged\"}' WHERE seq = 4");
    assertFails(3, 0, "record 4: its body was changed");
  }

  @Test
  void a_deleted_record_is_found() {
    sql("DELETE FROM audit_records WHERE seq = 2");

    assertFails(1, 0, "record 2 is missing (the next record is 3): a record was deleted");
  }

  @Test
  void the_signed_head_follows_new_records_without_being_asked() throws Exception {
    for (int i = 6; i <= 40; i++) {
      log.record(event(i));
    }

    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    String head = Files.readString(dir.resolve("audit-head"));
    while (!head.startsWith("40 ") && System.nanoTime() < deadline) {
      Thread.sleep(5);
      head = Files.readString(dir.resolve("audit-head"));
    }
    assertThat(head).startsWith("40 ");
    sql("DELETE FROM audit_records WHERE seq >= 39");
    assertFails(38, 0, "records 39 to 40 are missing: the signed head is at record 40");
  }

  @Test
  void records_cut_from_the_end_are_found_by_the_signed_head() {
    sql("DELETE FROM audit_records WHERE seq >= 4");

    assertFails(3, 0, "records 4 to 5 are missing: the signed head is at record 5");
  }

  @Test
  void reordered_records_are_found() {
    sql("UPDATE audit_records SET seq = 100 WHERE seq = 2");
    sql("UPDATE audit_records SET seq = 2 WHERE seq = 3");
    sql("UPDATE audit_records SET seq = 3 WHERE seq = 100");

    assertFails(
        1,
        0,
        "record 2 does not follow record 1 (its previous hash differs): records were reordered or replaced");
  }

  @Test
  void a_forged_checkpoint_signature_is_found() {
    assertThat(log.checkpoint()).isEqualTo(5);
    sql("UPDATE audit_checkpoints SET signature = 'AAAA' WHERE seq = 5");

    assertFails(5, 0, "checkpoint at record 5 does not match the chain or its signature");
  }

  @Test
  void a_checkpoint_signed_for_another_record_is_found() {
    assertThat(log.checkpoint()).isEqualTo(5);
    log.record(event(6));
    assertThat(log.checkpoint()).isEqualTo(6);
    assertThat(log.checkpoint()).as("already signed: the same record").isEqualTo(6);
    // a well-formed Ed25519 signature, but of record 5's checkpoint
    sql(
        "UPDATE audit_checkpoints SET signature ="
            + " (SELECT signature FROM audit_checkpoints WHERE seq = 5) WHERE seq = 6");

    assertFails(6, 1, "checkpoint at record 6 does not match the chain or its signature");
  }

  /**
   * Every column the chain hashes, changed alone in record 3, is found: the mutation that drops a
   * column from {@link AuditLog#chain} (say {@code workspace}) fails the row for that column.
   */
  @ParameterizedTest(name = "{0}")
  @CsvSource({
    "recorded_at, record 3: its contents were changed",
    "action, record 3: its contents were changed",
    "outcome, record 3: its contents were changed",
    "principal, record 3: its contents were changed",
    "workspace, record 3: its contents were changed",
    "request_id, record 3: its contents were changed",
    "metadata, record 3: its contents were changed",
    "body_hash, record 3: its contents were changed",
    "hash, record 3: its contents were changed",
    "prev_hash, 'record 3 does not follow record 2 (its previous hash differs): records were"
        + " reordered or replaced'"
  })
  void a_change_to_any_hashed_column_is_found(String column, String expected) {
    sql("UPDATE audit_records SET body = NULL WHERE seq = 3"); // an expired body: only its hash
    Object forged =
        column.equals("recorded_at")
            ? Timestamp.from(Instant.parse("2020-01-01T00:00:00Z"))
            : column.equals("metadata") ? "{\"model\":\"other\"}" : "forged";
    store
        .sql()
        .write(
            "tamper",
            c -> {
              try (PreparedStatement ps =
                  c.prepareStatement("UPDATE audit_records SET " + column + " = ? WHERE seq = 3")) {
                ps.setObject(1, forged);
                ps.executeUpdate();
              }
              return null;
            });

    assertThat(log.verify().toString()).isEqualTo(expected);
    assertThat(log.verify().records()).isEqualTo(2);
  }

  /** An attacker with write access who changes record 3 and recomputes the chain after it. */
  private void rehashAfterChanging(long changedSeq) {
    List<AuditRecord> all = log.query(new AuditLog.Query(null, null, null, null, null, 0, 100));
    String prev = all.get((int) changedSeq - 2).hash();
    for (AuditRecord r : all.subList((int) changedSeq - 1, all.size())) {
      AuditRecord changed =
          new AuditRecord(
              r.seq(),
              r.at(),
              r.action(),
              r.outcome(),
              r.principal(),
              r.seq() == changedSeq ? "ops" : r.workspace(),
              r.requestId(),
              r.metadata(),
              r.body(),
              r.bodyHash(),
              prev,
              null);
      String hash = AuditLog.chain(prev, changed);
      String previous = prev;
      store
          .sql()
          .write(
              "rehash",
              c -> {
                try (PreparedStatement ps =
                    c.prepareStatement(
                        "UPDATE audit_records SET workspace = ?, prev_hash = ?, hash = ?"
                            + " WHERE seq = ?")) {
                  ps.setString(1, changed.workspace());
                  ps.setString(2, previous);
                  ps.setString(3, hash);
                  ps.setLong(4, r.seq());
                  ps.executeUpdate();
                }
                return null;
              });
      prev = hash;
    }
  }

  @Test
  void a_changed_record_with_the_chain_recomputed_after_it_is_caught_by_the_signed_head() {
    rehashAfterChanging(3);

    assertFails(5, 0, "record 5 differs from the signed head");
  }

  @Test
  void a_recomputed_chain_is_caught_by_a_signed_checkpoint_even_with_the_head_file_gone()
      throws Exception {
    log.checkpoint();
    rehashAfterChanging(3);
    Files.delete(dir.resolve("audit-head"));

    assertFails(5, 0, "checkpoint at record 5 does not match the chain or its signature");
  }

  @Test
  void a_forged_head_file_is_refused() throws Exception {
    rehashAfterChanging(3);
    String newHash =
        log.query(new AuditLog.Query(null, null, null, null, null, 4, 1)).get(0).hash();
    String realSignature = Files.readString(dir.resolve("audit-head")).strip().split(" ")[2];
    Files.writeString(dir.resolve("audit-head"), "5 " + newHash + " AAAA\n");

    assertFails(5, 0, "the signed head " + dir.resolve("audit-head") + " is not valid");

    // a well-formed signature, of the head before the change
    Files.writeString(dir.resolve("audit-head"), "5 " + newHash + " " + realSignature + "\n");

    assertFails(5, 0, "the signed head " + dir.resolve("audit-head") + " is not valid");
  }

  @Test
  void a_stale_head_put_back_after_records_were_cut_is_caught_by_the_later_checkpoint()
      throws Exception {
    String headAtFive = Files.readString(dir.resolve("audit-head")); // kept by the attacker
    log.record(event(6));
    log.record(event(7));
    log.checkpoint();
    log.flushHead();
    sql("DELETE FROM audit_records WHERE seq >= 6");
    Files.writeString(dir.resolve("audit-head"), headAtFive);

    assertFails(5, 0, "checkpoint at record 7 does not match the chain or its signature");
  }

  private AuditLog sealed(Path masterKey) {
    return opened(
        new AuditLog(
            store.sql(),
            dir.resolve("audit-signing.key"),
            dir.resolve("audit-head"),
            new EnvelopeCipher(store.sql(), new LocalKeyWrapper(masterKey))));
  }

  private List<String> rawBodies() {
    return store
        .sql()
        .read(
            "dump bodies",
            c -> {
              List<String> out = new ArrayList<>();
              try (ResultSet rs =
                  c.createStatement()
                      .executeQuery(
                          "SELECT body FROM audit_records WHERE body IS NOT NULL AND seq > 5")) {
                while (rs.next()) {
                  out.add(rs.getString(1));
                }
              }
              return out;
            });
  }

  @Test
  void bodies_are_sealed_at_rest_under_a_monthly_data_key_and_open_for_readers() {
    AuditLog log = sealed(dir.resolve("audit-master.key"));
    log.record(
        new AuditEvent(
            "chat.answer",
            "success",
            "alice",
            "security",
            "",
            Map.of(),
            Map.of("question", "secret plans")));

    List<String> raw = rawBodies();
    AuditRecord read = log.query(new AuditLog.Query(null, null, null, null, null, 5, 10)).get(0);

    assertThat(raw)
        .singleElement()
        .satisfies(b -> assertThat(b).startsWith("v1:20").doesNotContain("secret"));
    assertThat(read.body()).isEqualTo("{\"question\":\"secret plans\"}");
    assertThat(log.verify().ok()).isTrue();
  }

  @Test
  void a_changed_ciphertext_and_a_foreign_master_key_are_refused() {
    sealed(dir.resolve("audit-master.key"))
        .record(new AuditEvent("chat.answer", "success", "a", "s", "", Map.of(), Map.of("q", "x")));
    String signingKey =
        store
            .sql()
            .read(
                "read the key id",
                c -> c.one("SELECT key_id FROM audit_signing_keys", rs -> rs.getString(1)))
            .orElseThrow();
    sql(
        "UPDATE audit_records SET body = 'v1:' || substr(body, 4, 8) || 'AAAA' || substr(body, 16)"
            + " WHERE seq = 6");

    assertFails(
        sealed(dir.resolve("audit-master.key")),
        5,
        0,
        "record 6: its body does not decrypt (changed, or sealed under another key)");
    // the signing key is sealed too: a server given another master key does not start
    assertThatThrownBy(() -> sealed(dir.resolve("other-master.key")))
        .hasMessageStartingWith(
            "the audit signing key " + signingKey + " in the database does not open:");
  }

  @Test
  void expiring_bodies_keeps_the_chain_verifiable() {
    int dropped = log.expireBodies(clock.now.plusSeconds(60));

    assertThat(dropped).isEqualTo(5);
    assertThat(log.verify().toString()).isEqualTo("verified 5 records, 0 signed checkpoints");
  }

  @Test
  void every_hundredth_record_is_signed_and_the_chain_survives_a_reopen() {
    for (int i = 6; i <= 205; i++) {
      log.record(new AuditEvent("search", "success", "bob", "ops", "", Map.of("i", i), null));
    }
    AuditLog reopened =
        opened(
            new AuditLog(store.sql(), dir.resolve("audit-signing.key"), dir.resolve("audit-head")));
    reopened.record(new AuditEvent("search", "success", "bob", "ops", "", Map.of(), null));

    assertThat(reopened.verify().toString())
        .isEqualTo("verified 206 records, 2 signed checkpoints");
  }

  private AuditLog sealedIn(Path dataDir) {
    try {
      Files.createDirectories(dataDir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return opened(
        new AuditLog(
            store.sql(),
            dataDir.resolve("audit-signing.key"),
            dataDir.resolve("audit-head"),
            new EnvelopeCipher(store.sql(), new LocalKeyWrapper(dir.resolve("audit-master.key")))));
  }

  private String storedKeyId() {
    return store
        .sql()
        .read(
            "read the key id",
            c -> c.one("SELECT key_id FROM audit_signing_keys", rs -> rs.getString(1)))
        .orElseThrow();
  }

  @Test
  void servers_sharing_a_database_sign_with_one_key_and_verify_each_others_checkpoints() {
    AuditLog a = sealedIn(dir.resolve("node-a"));
    AuditLog b = sealedIn(dir.resolve("node-b"));
    for (int i = 6; i <= 205; i++) {
      (i % 2 == 0 ? a : b).record(event(i));
    }

    assertThat(a.verify().toString()).isEqualTo("verified 205 records, 2 signed checkpoints");
    assertThat(b.verify().toString()).isEqualTo("verified 205 records, 2 signed checkpoints");
    assertThat(dir.resolve("node-a/audit-signing.key")).doesNotExist();
  }

  @Test
  void a_public_key_swapped_in_the_database_is_refused() throws Exception {
    sealedIn(dir.resolve("node-a")).record(event(6));
    String id = storedKeyId();
    String attacker =
        java.util.Base64.getEncoder()
            .encodeToString(
                java.security.KeyPairGenerator.getInstance("Ed25519")
                    .generateKeyPair()
                    .getPublic()
                    .getEncoded());
    sql("UPDATE audit_signing_keys SET public_key = '" + attacker + "'");

    assertThatThrownBy(() -> sealedIn(dir.resolve("node-b")))
        .hasMessage(
            "the audit signing key "
                + id
                + " in the database is not one pair: its public key or id was replaced");
  }

  @Test
  void an_older_servers_key_file_becomes_the_shared_key_so_its_checkpoints_still_verify() {
    for (int i = 6; i <= 100; i++) {
      log.record(event(i)); // signed with the key file, as before keys were shared
    }

    AuditLog upgraded = sealed(dir.resolve("audit-master.key"));

    assertThat(upgraded.verify().toString())
        .isEqualTo("verified 100 records, 1 signed checkpoints");
    String signedWith =
        store
            .sql()
            .read(
                "read the checkpoint's key",
                c ->
                    c.one(
                        "SELECT key_id FROM audit_checkpoints WHERE seq = 100",
                        rs -> rs.getString(1)))
            .orElseThrow();
    assertThat(storedKeyId()).isEqualTo(signedWith);
  }

  private AuditEvent event(int n) {
    return new AuditEvent(
        "chat.answer", "success", "alice", "security", "req-" + n, Map.of("n", n), Map.of());
  }

  @Test
  void
      records_lost_behind_the_signed_head_become_a_gap_record_that_verify_names_after_new_writes() {
    sql("DELETE FROM audit_records WHERE seq >= 4"); // a crash that lost records 4 and 5

    AuditLog.Gap gap = log.reconcile().orElseThrow();
    for (int i = 6; i <= 8; i++) {
      log.record(event(i));
    }
    AuditLog.Verification v = log.verify();

    assertThat(gap).isEqualTo(new AuditLog.Gap(4, 5, 6));
    assertThat(v.ok()).isTrue();
    assertThat(v.gaps()).containsExactly(gap);
    assertThat(v.toString())
        .isEqualTo(
            "verified 7 records, 0 signed checkpoints; 1 gap recorded at startup: records 4 to 5"
                + " were lost (audit.gap at record 6)");
    assertThat(log.query(new AuditLog.Query(null, null, null, null, "audit.gap", 0, 10)))
        .singleElement()
        .satisfies(r -> assertThat(r.metadata()).contains("\"fromSeq\":4", "\"toSeq\":5"));
    assertThat(log.reconcile()).isEmpty();
  }

  @Test
  void a_gap_record_cannot_cover_for_a_record_deleted_later() {
    sql("DELETE FROM audit_records WHERE seq = 5");
    log.reconcile().orElseThrow();
    log.record(event(7));
    sql("DELETE FROM audit_records WHERE seq = 3");

    assertThat(log.verify().toString())
        .isEqualTo("record 3 is missing (the next record is 4): a record was deleted");
  }

  @Test
  void two_processes_appending_at_once_keep_one_chain_and_one_head() throws Exception {
    // a second pool on the same data stands for a second process (the CLI beside a server)
    try (Database second = store.another()) {
      AuditLog other =
          opened(
              new AuditLog(
                  second.sql(), dir.resolve("audit-signing.key"), dir.resolve("audit-head")));
      ExecutorService pool = Executors.newFixedThreadPool(8);
      List<Future<Long>> seqs = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        AuditLog target = i % 2 == 0 ? log : other;
        int n = i;
        seqs.add(pool.submit(() -> target.record(event(100 + n))));
      }
      Set<Long> distinct = new HashSet<>();
      for (var f : seqs) {
        distinct.add(f.get());
      }
      pool.shutdown();
      other.flushHead();

      AuditLog.Verification v = log.verify();
      assertThat(distinct).hasSize(200);
      assertThat(v.ok()).as(v.toString()).isTrue();
      assertThat(v.records()).isEqualTo(205);
      assertThat(Files.readString(dir.resolve("audit-head"))).startsWith("205 ");
    }
  }

  @Test
  void records_written_inside_other_transactions_and_alone_at_once_never_wait_on_each_other()
      throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    List<Future<?>> done = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      int n = i;
      done.add(
          pool.submit(
              () ->
                  n % 2 == 0
                      ? log.record(event(1000 + n))
                      : store
                          .sql()
                          .transaction(
                              "an answer with its audit record",
                              () -> {
                                store.ensureWorkspace("ws" + n, "W");
                                return log.record(event(1000 + n));
                              })));
    }
    for (var f : done) {
      f.get(60, TimeUnit.SECONDS); // a lock-order deadlock times out here
    }
    pool.shutdown();

    assertThat(log.verify().records()).isEqualTo(205);
  }

  private long at(int minutes, AuditEvent e) {
    clock.now = T0.plusSeconds(60L * minutes);
    return log.record(e);
  }

  private List<Long> seqs(AuditLog.Query q) {
    return log.query(q).stream().map(AuditRecord::seq).toList();
  }

  private static AuditLog.Query where(
      Instant since, Instant until, String principal, Set<String> ws, String action) {
    return new AuditLog.Query(since, until, principal, ws, action, 0, 100);
  }

  @Test
  void a_query_filters_by_time_principal_action_outcome_model_and_workspace() {
    at(5, new AuditEvent("search", "success", "bob", "operations", "", Map.of(), Map.of()));
    at(
        6,
        new AuditEvent(
            "chat.answer", "refused", "alice", "security", "", Map.of("model", "x.c_1%"), null));
    at(
        7,
        new AuditEvent(
            "chat.answer", "success", "alice", "security", "", Map.of("model", "x.cA1zz"), null));

    assertThat(seqs(where(T0.plusSeconds(120), T0.plusSeconds(240), null, null, null)))
        .as("since is inclusive, until exclusive")
        .containsExactly(3L, 4L);
    assertThat(seqs(where(null, null, "bob", null, null))).containsExactly(6L);
    assertThat(seqs(where(null, null, null, null, "chat.*")))
        .containsExactly(1L, 2L, 3L, 4L, 5L, 7L, 8L);
    assertThat(seqs(where(null, null, null, null, "search"))).containsExactly(6L);
    assertThat(seqs(where(null, null, null, Set.of("operations"), null))).containsExactly(6L);
    assertThat(seqs(where(null, null, null, Set.of(), null))).as("no workspace, nothing").isEmpty();
    assertThat(seqs(where(null, null, null, Set.of("operations", "security"), null))).hasSize(8);
    assertThat(
            seqs(new AuditLog.Query(null, null, null, null, null, "x.c_1%", null, 0, false, 100)))
        .as("the model is matched literally: _ and %% are not wildcards")
        .containsExactly(7L);
    assertThat(
            seqs(new AuditLog.Query(null, null, null, null, null, null, "refused", 0, false, 100)))
        .containsExactly(7L);
    assertThat(seqs(new AuditLog.Query(null, null, null, null, null, "openai.gpt-5.5", 3, 100)))
        .containsExactly(4L, 5L);
  }

  @Test
  void a_query_pages_oldest_first_after_its_cursor_or_newest_first_before_it() {
    assertThat(seqs(new AuditLog.Query(null, null, null, null, null, 2, 2)))
        .containsExactly(3L, 4L);
    assertThat(seqs(new AuditLog.Query(null, null, null, null, null, null, null, 0, true, 2)))
        .containsExactly(5L, 4L);
    assertThat(seqs(new AuditLog.Query(null, null, null, null, null, null, null, 4, true, 2)))
        .containsExactly(3L, 2L);
  }

  @Test
  void sealed_after_reads_from_a_cursor_with_bodies_as_stored() {
    AuditLog sealedLog = sealed(dir.resolve("audit-master.key"));
    sealedLog.record(
        new AuditEvent("chat.answer", "success", "a", "s", "", Map.of(), Map.of("q", "secret")));

    List<AuditRecord> after = sealedLog.sealedAfter(4, 10);

    assertThat(after).extracting(AuditRecord::seq).containsExactly(5L, 6L);
    assertThat(after.get(1).body()).startsWith("v1:").doesNotContain("secret");
    assertThat(sealedLog.sealedAfter(1, 2)).extracting(AuditRecord::seq).containsExactly(2L, 3L);
    assertThat(sealedLog.sealedAfter(6, 10)).isEmpty();
  }

  @Test
  void a_record_shows_as_json_with_metadata_and_body_as_objects() {
    AuditRecord r = log.query(new AuditLog.Query(null, null, null, null, null, 0, 1)).get(0);

    Map<String, Object> m = r.asMap();

    assertThat(m.keySet())
        .containsExactly(
            "seq",
            "at",
            "action",
            "outcome",
            "principal",
            "workspace",
            "requestId",
            "metadata",
            "body",
            "prevHash",
            "hash");
    assertThat(m)
        .containsEntry("seq", 1L)
        .containsEntry("at", "2026-12-02T09:00:00Z")
        .containsEntry("action", "chat.answer")
        .containsEntry("requestId", "req-1")
        .containsEntry("prevHash", r.prevHash())
        .containsEntry("hash", r.hash());
    assertThat(m.get("metadata")).hasToString("{\"model\":\"openai.gpt-5.5\",\"n\":1}");
    assertThat(m.get("body")).hasToString("{\"answer\":\"a1\",\"question\":\"q1\"}");
    assertThat(r.redactedTo("{}").asMap()).containsEntry("body", null);
    assertThat(r.redactedTo("{}").asMap().get("metadata")).hasToString("{}");
  }

  @Test
  void a_gap_record_covers_only_the_range_it_names() {
    sql("DELETE FROM audit_records WHERE seq = 5");
    assertThat(log.reconcile()).contains(new AuditLog.Gap(5, 5, 6));
    log.record(event(7));
    sql("DELETE FROM audit_records WHERE seq = 4");

    assertFails(3, 0, "record 4 is missing (the next record is 6): a record was deleted");
  }

  @Test
  void a_head_from_inside_a_recorded_gap_put_back_still_verifies() throws Exception {
    String headAtFive = Files.readString(dir.resolve("audit-head"));
    sql("DELETE FROM audit_records WHERE seq = 5");
    log.reconcile().orElseThrow();
    Files.writeString(dir.resolve("audit-head"), headAtFive);

    assertThat(log.verify().toString())
        .isEqualTo(
            "verified 5 records, 0 signed checkpoints; 1 gap recorded at startup: record 5 was"
                + " lost (audit.gap at record 6)");
  }

  @Test
  void a_recomputed_record_after_a_recorded_gap_is_caught_by_the_signed_head() {
    sql("DELETE FROM audit_records WHERE seq = 5");
    log.reconcile().orElseThrow();
    log.record(event(7));
    AuditRecord last = log.query(new AuditLog.Query(null, null, null, null, null, 6, 1)).get(0);
    AuditRecord changed =
        new AuditRecord(
            7,
            last.at(),
            last.action(),
            last.outcome(),
            last.principal(),
            "ops",
            last.requestId(),
            last.metadata(),
            null,
            last.bodyHash(),
            last.prevHash(),
            null);
    sql(
        "UPDATE audit_records SET workspace = 'ops', hash = '"
            + AuditLog.chain(last.prevHash(), changed)
            + "' WHERE seq = 7");

    assertFails(7, 0, "record 7 differs from the signed head");
  }

  @Test
  void the_signing_key_is_named_by_16_hex_digits_of_its_public_key_on_each_checkpoint() {
    AuditLog shared = sealedIn(dir.resolve("node-a"));
    shared.record(event(6));
    shared.checkpoint();

    String id = storedKeyId();
    assertThat(id).matches("[0-9a-f]{16}");
    List<String> onCheckpoints =
        store
            .sql()
            .read(
                "read checkpoint key ids",
                c ->
                    c.list("SELECT DISTINCT key_id FROM audit_checkpoints", rs -> rs.getString(1)));
    assertThat(onCheckpoints).containsExactly(id);
  }

  @Test
  void a_whole_key_pair_swapped_in_the_database_with_its_id_is_refused() throws Exception {
    sealedIn(dir.resolve("node-a")).record(event(6));
    java.security.KeyPair attacker =
        java.security.KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    String pub = java.util.Base64.getEncoder().encodeToString(attacker.getPublic().getEncoded());
    String attackerId = SigningKey.keyId(attacker);
    // the attacker cannot seal a private key, so the stored private half stays the old one
    sql("UPDATE audit_signing_keys SET public_key = '" + pub + "', key_id = '" + attackerId + "'");

    assertThatThrownBy(() -> sealedIn(dir.resolve("node-b")))
        .hasMessage(
            "the audit signing key "
                + attackerId
                + " in the database is not one pair: its public key or id was replaced");
  }
}
