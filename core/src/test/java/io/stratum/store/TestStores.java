package io.stratum.store;

import io.stratum.chunk.Chunk;
import io.stratum.corpus.SourceDocument;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Every store on one test database, with the calls the suites make most, for short tests. */
public final class TestStores implements AutoCloseable {
  public final Database database;
  public final WorkspaceStore workspaces;
  public final DocumentStore documents;
  public final ConversationStore conversations;
  private final Supplier<Database> another;

  private TestStores(Database database, BodyCipher cipher, Supplier<Database> another) {
    this.database = database;
    this.another = another;
    this.workspaces = new WorkspaceStore(database.sql());
    this.documents = new DocumentStore(database.sql());
    this.conversations = new ConversationStore(database.sql(), cipher);
  }

  public static TestStores open(TestDatabases.Engine engine, Path dir) {
    return open(engine, dir, Clock.systemUTC());
  }

  public static TestStores open(TestDatabases.Engine engine, Path dir, Clock clock) {
    if (engine == TestDatabases.Engine.SQLITE) {
      return new TestStores(
          Database.sqlite(dir.resolve("stratum.db"), clock),
          BodyCipher.NONE,
          () -> Database.sqlite(dir.resolve("stratum.db"), clock));
    }
    String url = TestDatabases.freshPostgres();
    return new TestStores(
        Database.postgres(url, TestDatabases.user(), TestDatabases.password(), clock),
        BodyCipher.NONE,
        () -> Database.postgres(url, TestDatabases.user(), TestDatabases.password(), clock));
  }

  /** On a database already open (a second view of the same data). */
  public static TestStores on(Database database, BodyCipher cipher) {
    return new TestStores(
        database,
        cipher,
        () -> {
          throw new UnsupportedOperationException("open the suite's stores with TestStores.open");
        });
  }

  /**
   * Another connection pool on the same data: what a second process (the CLI beside a server, a
   * second app node) would open. The caller closes it.
   */
  /** A new conversation of {@code principal} in {@code workspace} with one question and answer. */
  public String exchange(
      String principal,
      String workspace,
      String question,
      String answer,
      List<String> citations,
      boolean refused) {
    String id = conversations.startConversation(principal, List.of(workspace), "");
    conversations.appendTurn(id, question, answer, citations, refused);
    return id;
  }

  public Database another() {
    return another.get();
  }

  public Sql sql() {
    return database.sql();
  }

  public void ensureWorkspace(String id, String name) {
    workspaces.ensureWorkspace(id, name);
  }

  public List<Workspace> workspaces() {
    return workspaces.workspaces();
  }

  public void saveDocument(String source, SourceDocument doc, List<Chunk> chunks) {
    documents.saveDocument(source, doc, chunks);
  }

  public Optional<StoredDocument> document(String id) {
    return documents.document(id);
  }

  public Optional<String> cursor(String source) {
    return documents.cursor(source);
  }

  @Override
  public void close() {
    database.close();
  }
}
