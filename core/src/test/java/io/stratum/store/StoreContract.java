package io.stratum.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.chunk.Chunk;
import io.stratum.corpus.SourceDocument;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What the workspace, document and conversation stores promise, whichever engine holds them. One
 * subclass per engine runs it.
 */
abstract class StoreContract {
  @TempDir Path dir;
  private String postgresUrl;

  /** The engine this run of the suite stores in. */
  abstract TestDatabases.Engine engine();

  @BeforeEach
  void fresh() {
    if (engine() == TestDatabases.Engine.POSTGRESQL) {
      postgresUrl = TestDatabases.freshPostgres();
    }
  }

  /** The same storage every call, as a restarted (or a second) process would open it. */
  Database open() {
    return engine() == TestDatabases.Engine.SQLITE
        ? Database.sqlite(dir.resolve("stratum.db"), Clock.systemUTC())
        : Database.postgres(
            postgresUrl, TestDatabases.user(), TestDatabases.password(), Clock.systemUTC());
  }

  private static SourceDocument doc(String id, String hash) {
    return new SourceDocument(
        id, "ops", "markdown", id + ".md", "Title " + id, "accepted", "", "body", hash, Map.of());
  }

  /** Seals by reversing: enough to show what reaches the database is not the text. */
  static final BodyCipher REVERSING =
      new BodyCipher() {
        @Override
        public String seal(String plaintext) {
          return "sealed:" + new StringBuilder(plaintext).reverse();
        }

        @Override
        public String open(String sealed) {
          return new StringBuilder(sealed.substring("sealed:".length())).reverse().toString();
        }
      };

  /** How the engine syncs commits on the connection a write runs on, as the engine names it. */
  private String syncMode(Sql.Tx tx) throws java.sql.SQLException {
    return tx.dialect() == Dialect.SQLITE
        ? tx.one("PRAGMA synchronous", rs -> rs.getString(1)).orElseThrow()
        : tx.one("SHOW synchronous_commit", rs -> rs.getString(1)).orElseThrow();
  }

  @Test
  void an_unflushed_write_commits_without_syncing_and_the_next_write_syncs_again() {
    String relaxed = engine() == TestDatabases.Engine.SQLITE ? "1" : "off"; // NORMAL, off
    String synced = engine() == TestDatabases.Engine.SQLITE ? "2" : "on"; // FULL, on
    try (Database db = open()) {
      Sql sql = db.sql();
      sql.update("create", tx -> tx.update("CREATE TABLE marks (n INTEGER)"));

      String during =
          sql.writeUnflushed(
              "mark one",
              tx -> {
                tx.update("INSERT INTO marks (n) VALUES (1)");
                return syncMode(tx);
              });
      String after = sql.write("read the mode", this::syncMode);
      String joined = sql.write("mark two", tx -> sql.writeUnflushed("joined", this::syncMode));
      assertThatThrownBy(
              () ->
                  sql.writeUnflushed(
                      "mark three",
                      tx -> {
                        tx.update("INSERT INTO marks (n) VALUES (3)");
                        throw new IllegalStateException("no");
                      }))
          .hasMessage("no");

      assertThat(during).isEqualTo(relaxed);
      assertThat(after).isEqualTo(synced);
      assertThat(joined).as("inside a flushed write it is as durable as that").isEqualTo(synced);
      assertThat(sql.write("after a rollback", this::syncMode)).isEqualTo(synced);
      List<Integer> marks =
          sql.read("marks", tx -> tx.list("SELECT n FROM marks", rs -> rs.getInt(1)));
      assertThat(marks).containsExactly(1);
    }
  }

  private static void awaitOrFail(CountDownLatch latch) {
    try {
      if (!latch.await(30, TimeUnit.SECONDS)) {
        throw new IllegalStateException("never released");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  @Test
  void writers_that_wait_share_one_commit_and_one_that_fails_is_undone_alone() throws Exception {
    try (Database db = open()) {
      Sql sql = db.sql();
      sql.update("create", tx -> tx.update("CREATE TABLE marks (n INTEGER)"));
      CountDownLatch first = new CountDownLatch(1);
      CountDownLatch release = new CountDownLatch(1);
      Set<Sql.Tx> transactions = ConcurrentHashMap.newKeySet();
      Set<Integer> afterCommit = ConcurrentHashMap.newKeySet();
      try (var pool = Executors.newFixedThreadPool(9)) {
        var blocker =
            pool.submit(
                () ->
                    sql.write(
                        "hold the lock",
                        tx -> {
                          transactions.add(tx);
                          first.countDown();
                          awaitOrFail(release);
                          return tx.update("INSERT INTO marks (n) VALUES (0)");
                        }));
        first.await();
        List<Future<Integer>> writers = new ArrayList<>();
        for (int i = 1; i <= 8; i++) {
          int n = i;
          writers.add(
              pool.submit(
                  () ->
                      sql.write(
                          "mark " + n,
                          tx -> {
                            transactions.add(tx);
                            tx.update("INSERT INTO marks (n) VALUES (?)", n);
                            sql.afterCommit(() -> afterCommit.add(n));
                            if (n == 5) {
                              throw new IllegalStateException("mark 5 refused");
                            }
                            return n;
                          })));
        }
        Thread.sleep(300); // the eight queue behind the first
        release.countDown();
        blocker.get();
        for (int i = 1; i <= 8; i++) {
          Future<Integer> f = writers.get(i - 1);
          if (i == 5) {
            assertThatThrownBy(f::get).hasRootCauseMessage("mark 5 refused");
          } else {
            assertThat(f.get()).isEqualTo(i);
          }
        }
      }

      List<Integer> marks =
          sql.read("marks", tx -> tx.list("SELECT n FROM marks ORDER BY n", rs -> rs.getInt(1)));
      assertThat(marks).containsExactly(0, 1, 2, 3, 4, 6, 7, 8);
      assertThat(afterCommit).containsExactlyInAnyOrder(1, 2, 3, 4, 6, 7, 8);
      if (engine() == TestDatabases.Engine.SQLITE) {
        assertThat(transactions).as("the eight waited and committed together").hasSize(2);
      } else {
        assertThat(transactions).as("PostgreSQL runs writers side by side").hasSize(9);
      }
    }
  }

  @Test
  void keeps_workspaces_documents_and_conversations_across_a_restart() {
    String conversation;
    try (Database db = open()) {
      TestStores s = TestStores.on(db, REVERSING);
      s.ensureWorkspace("ops", "Operations");
      s.ensureWorkspace("ops", "ignored: already exists");
      s.saveDocument("src", doc("ops:a", "h1"), List.of(new Chunk(0, List.of("T"), "one")));
      conversation = s.exchange("alice", "ops", "What?", "This [1].", List.of("ops:a"), false);
    }

    try (Database db = open()) {
      TestStores s = TestStores.on(db, REVERSING);
      assertThat(s.workspaces()).containsExactly(new Workspace("ops", "Operations"));
      assertThat(s.document("ops:a"))
          .get()
          .extracting(StoredDocument::contentHash, StoredDocument::chunkCount)
          .containsExactly("h1", 1);
      assertThat(s.documents.chunkTexts("ops:a")).containsExactly("one");
      Conversation c = s.conversations.conversation(conversation).orElseThrow();
      assertThat(c.workspace()).isEqualTo("ops");
      assertThat(c.principal()).isEqualTo("alice");
      assertThat(c.messages())
          .extracting(Message::role, Message::text, Message::citations, Message::refused)
          .containsExactly(
              Tuple.tuple("user", "What?", List.of(), false),
              Tuple.tuple("assistant", "This [1].", List.of("ops:a"), false));
    }
  }

  @Test
  void conversation_titles_messages_and_summaries_are_sealed_at_rest() {
    try (Database db = open()) {
      TestStores s = TestStores.on(db, REVERSING);
      s.ensureWorkspace("ops", "Operations");
      String id = s.conversations.startConversation("alice", List.of("ops"), "Ledger failover");
      s.conversations.appendTurn(
          id, "How do we fail over?", "Promote the replica [1].", List.of(), false);
      s.conversations.setSummary(id, "Asked about failover.");

      List<String> raw =
          db.sql()
              .read(
                  "read raw rows",
                  tx ->
                      tx.list(
                          "SELECT title || '|' || summary FROM conversations UNION ALL"
                              + " SELECT body FROM messages",
                          rs -> rs.getString(1)));
      assertThat(String.join("\n", raw))
          .doesNotContain("Ledger failover", "How do we fail over?", "Promote the replica")
          .doesNotContain("Asked about failover");
      Conversation c = s.conversations.conversation(id).orElseThrow();
      assertThat(c.summary()).isEqualTo("Asked about failover.");
      assertThat(c.messages())
          .extracting(Message::text)
          .containsExactly("How do we fail over?", "Promote the replica [1].");
      assertThat(s.conversations.conversationsOf("alice", null, 10))
          .extracting(ConversationStore.ConversationHeader::title)
          .containsExactly("Ledger failover");
    }
  }

  @Test
  void conversations_page_newest_first_from_a_cursor() throws Exception {
    try (Database db = open()) {
      TestStores s = TestStores.on(db, BodyCipher.NONE);
      s.ensureWorkspace("ops", "Operations");
      List<String> ids = new ArrayList<>();
      for (int i = 0; i < 5; i++) {
        ids.add(s.conversations.startConversation("alice", List.of("ops"), "t" + i));
        Thread.sleep(3); // distinct creation times
      }
      s.conversations.startConversation("bob", List.of("ops"), "not alice's");

      var first = s.conversations.conversationsOf("alice", null, 2);
      var second = s.conversations.conversationsOf("alice", first.get(1).id(), 2);
      var last = s.conversations.conversationsOf("alice", second.get(1).id(), 2);

      assertThat(first)
          .extracting(ConversationStore.ConversationHeader::title)
          .containsExactly("t4", "t3");
      assertThat(second)
          .extracting(ConversationStore.ConversationHeader::title)
          .containsExactly("t2", "t1");
      assertThat(last)
          .extracting(ConversationStore.ConversationHeader::title)
          .containsExactly("t0");
      assertThatThrownBy(() -> s.conversations.conversationsOf("alice", "nope", 2))
          .hasMessage("cursor: no conversation 'nope'");
    }
  }

  @Test
  void saving_a_document_again_replaces_its_chunks() {
    try (Database db = open()) {
      TestStores s = TestStores.on(db, BodyCipher.NONE);
      s.ensureWorkspace("ops", "Operations");
      s.saveDocument(
          "src",
          doc("ops:a", "h1"),
          List.of(new Chunk(0, List.of("T"), "one"), new Chunk(1, List.of("T"), "two")));
      s.saveDocument("src", doc("ops:a", "h2"), List.of(new Chunk(0, List.of("T"), "new")));

      assertThat(s.document("ops:a").orElseThrow().chunkCount()).isEqualTo(1);
      assertThat(s.document("ops:a").orElseThrow().contentHash()).isEqualTo("h2");
      assertThat(s.documents.documentCount()).isEqualTo(1);
      assertThat(s.documents.sourcesOf("ops"))
          .extracting(DocumentStore.SourceSummary::source, DocumentStore.SourceSummary::documents)
          .containsExactly(Tuple.tuple("src", 1));
    }
  }

  @Test
  void lists_documents_by_source_and_deletes_them_and_keeps_cursors() {
    try (Database db = open()) {
      TestStores s = TestStores.on(db, BodyCipher.NONE);
      s.ensureWorkspace("ops", "Operations");
      s.saveDocument("src-1", doc("ops:a", "h"), List.of());
      s.saveDocument("src-2", doc("ops:b", "h"), List.of());
      s.documents.saveCursor("src-1", "c1");
      s.documents.saveCursor("src-1", "c2");

      assertThat(s.documents.documentsOfSource("src-1"))
          .extracting(StoredDocument::id)
          .containsExactly("ops:a");
      s.documents.deleteDocument("ops:a");
      assertThat(s.document("ops:a")).isEmpty();
      assertThat(s.cursor("src-1")).contains("c2");
      assertThat(s.cursor("src-2")).isEmpty();
    }
  }

  @Test
  void workspace_settings_round_trip() {
    try (Database db = open()) {
      TestStores s = TestStores.on(db, BodyCipher.NONE);
      s.ensureWorkspace("ops", "Operations");
      s.workspaces.setPrompt("ops", "Answer in British English.");
      s.workspaces.setTiers("ops", new LinkedHashSet<>(List.of("basic")));

      assertThat(s.workspaces.prompt("ops")).isEqualTo("Answer in British English.");
      assertThat(s.workspaces.tiers("ops")).containsExactly("basic");
      assertThat(s.workspaces.tiers("nope")).isEmpty();
      assertThat(s.workspaces.prompt("nope")).isEmpty();
    }
  }

  @Test
  void writes_of_several_stores_in_one_transaction_commit_together_or_not_at_all() {
    try (Database db = open()) {
      TestStores s = TestStores.on(db, BodyCipher.NONE);
      s.ensureWorkspace("ops", "Operations");

      assertThatThrownBy(
              () ->
                  db.sql()
                      .transaction(
                          "record an answer",
                          () -> {
                            s.saveDocument("src", doc("ops:a", "h"), List.of());
                            s.exchange("alice", "ops", "Q", "A", List.of(), false);
                            throw new IllegalStateException("the audit write failed");
                          }))
          .hasMessage("the audit write failed");

      assertThat(s.document("ops:a")).isEmpty();
      assertThat(s.conversations.conversationsOf("alice", null, 10)).isEmpty();
    }
  }

  @Test
  void deleting_a_workspace_takes_its_documents_and_conversations() {
    try (Database db = open()) {
      TestStores s = TestStores.on(db, BodyCipher.NONE);
      s.ensureWorkspace("ops", "Operations");
      s.ensureWorkspace("sec", "Security");
      s.saveDocument("src", doc("ops:a", "h"), List.of(new Chunk(0, List.of("T"), "x")));
      String ops = s.exchange("alice", "ops", "Q", "A", List.of(), false);
      String both = s.conversations.startConversation("alice", List.of("sec", "ops"), "");

      db.sql()
          .transaction(
              "delete ops",
              () -> {
                s.documents.deleteWorkspace("ops");
                s.conversations.deleteWorkspace("ops");
                s.workspaces.delete("ops");
                return null;
              });

      assertThat(s.workspaces()).extracting(Workspace::id).containsExactly("sec");
      assertThat(s.document("ops:a")).isEmpty();
      assertThat(s.conversations.conversation(ops)).isEmpty();
      assertThat(s.conversations.conversation(both).orElseThrow().workspaces())
          .containsExactly("sec");
    }
  }

  @Test
  void two_processes_see_each_others_commits() {
    try (Database a = open();
        Database b = open()) {
      TestStores.on(a, BodyCipher.NONE).ensureWorkspace("ops", "Operations");
      assertThat(TestStores.on(b, BodyCipher.NONE).workspaces.workspace("ops")).isPresent();
      assertThat(a.dialect()).isEqualTo(b.dialect());
    }
  }
}
