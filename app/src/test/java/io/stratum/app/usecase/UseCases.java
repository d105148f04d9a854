package io.stratum.app.usecase;

import io.stratum.access.Accounts;
import io.stratum.access.Principal;
import io.stratum.access.Role;
import io.stratum.answer.Answerer;
import io.stratum.answer.RelevanceGate;
import io.stratum.audit.AuditLog;
import io.stratum.audit.AuditRecord;
import io.stratum.budget.Budgets;
import io.stratum.budget.Ledger;
import io.stratum.budget.Rates;
import io.stratum.chunk.Chunker;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.dispatch.ChatEvent;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.ModelClient;
import io.stratum.index.CorpusIndex;
import io.stratum.index.LuceneIndex;
import io.stratum.ingest.Ingestor;
import io.stratum.retrieval.Retriever;
import io.stratum.store.TestDatabases;
import io.stratum.store.TestStores;
import io.stratum.testing.TermEmbedder;
import io.stratum.testkit.ScriptedModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The use cases over real stores on a fresh SQLite file, an index with a term-count embedder, and
 * scripted models: fast, and no mocks. A small corpus is ingested into {@code security} and {@code
 * operations}; {@code dana} is a member of security, {@code vic} a viewer of it, {@code olga} an
 * admin of operations.
 */
final class UseCases implements AutoCloseable {
  static final String KEYS =
      "# Key management\n\nCustomer master keys are rotated every 365 days. The security team"
          + " approves each rotation and records it in the key register.\n";
  static final String PAGER =
      "# Paging\n\nThe on-call engineer is paged when the error budget burns faster than twice"
          + " the monthly rate; the incident commander decides on a rollback.\n";

  final TestStores stores;
  final CorpusIndex index;
  final Accounts accounts;
  final Ledger ledger;
  final AuditLog log;
  final Auditor auditor;
  final Guard guard;
  final Budgets budgets;
  final ScriptedModel advanced = ScriptedModel.replying("Master keys rotate every 365 days [1].");
  final ScriptedModel basic = ScriptedModel.replying("How often are master keys rotated?");

  final Principal dana;
  final Principal vic;
  final Principal olga;

  UseCases(Path dir) {
    this(dir, Clock.systemUTC());
  }

  /** As {@link #UseCases(Path)}, the database on {@code clock} (a clock a test moves). */
  UseCases(Path dir, Clock clock) {
    stores = TestStores.open(TestDatabases.Engine.SQLITE, dir.resolve("db"), clock);
    index = LuceneIndex.open(dir.resolve("index"), new TermEmbedder());
    accounts = new Accounts(stores.database.sql());
    ledger = new Ledger(stores.database.sql());
    log =
        new AuditLog(
            stores.database.sql(), dir.resolve("audit-signing.key"), dir.resolve("audit-head"));
    auditor = new Auditor(log);
    guard = new Guard(accounts.policy(), stores.workspaces, auditor);
    budgets = new Budgets(ledger, m -> Rates.of(3, 15), a -> {});
    Path corpus = dir.resolve("corpus");
    write(corpus.resolve("security/keys.md"), KEYS);
    write(corpus.resolve("operations/paging.md"), PAGER);
    new Ingestor(stores.workspaces, stores.documents, index, new Chunker(1200))
        .ingest(MarkdownConnector.byDirectory(corpus), p -> {});
    dana = principal("dana", Map.of("security", Role.MEMBER));
    vic = principal("vic", Map.of("security", Role.VIEWER));
    olga = principal("olga", Map.of("operations", Role.WORKSPACE_ADMIN));
  }

  private Principal principal(String id, Map<String, Role> roles) {
    accounts.createPrincipal(id, id, false);
    roles.forEach((ws, role) -> accounts.grant(id, ws, role));
    return accounts.principal(id).orElseThrow();
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  Retriever retriever() {
    return new Retriever(index, null, Retriever.Fusion.RRF);
  }

  /** Answering with the given models; the basic one rewrites and summarizes unless local. */
  Answering answering(ModelClient advancedModel, ModelClient basicModel, boolean basicIsLocal) {
    RelevanceGate gate = new RelevanceGate(0.6, index.embedder().relevanceFloor());
    return new Answering(
        guard,
        stores.workspaces,
        stores.conversations,
        stores.database.sql(),
        budgets,
        new AnswerTier(
            "advanced", advancedModel, new Answerer(retriever(), advancedModel, gate, 6, 1024)),
        new AnswerTier("basic", basicModel, new Answerer(retriever(), basicModel, gate, 6, 1024)),
        basicIsLocal,
        auditor);
  }

  Answering answering() {
    return answering(advanced, basic, false);
  }

  Administration administration() {
    return new Administration(
        guard,
        accounts,
        ledger,
        new Administration.Stores(
            stores.database.sql(),
            stores.workspaces,
            stores.documents,
            stores.conversations,
            index),
        auditor);
  }

  /** The audit records of {@code action}, oldest first. */
  List<AuditRecord> audited(String action) {
    return log.query(new AuditLog.Query(null, null, null, null, action, null, 0, 1000));
  }

  /** A model whose every call fails the way a throttled backend does. */
  static ModelClient failing(String message) {
    return new ModelClient() {
      @Override
      public String modelId() {
        return "failing";
      }

      @Override
      public ChatResult stream(ChatRequest request, Consumer<ChatEvent> listener) {
        throw new IllegalStateException(message);
      }
    };
  }

  /**
   * A model that bills the worst a real one could: a token for every byte of its prompt (as CJK and
   * emoji text can cost).
   */
  static ModelClient billingEveryByte() {
    return ScriptedModel.replying("Master keys rotate every 365 days [1].")
        .billingInput(
            request ->
                request.messages().stream()
                    .mapToInt(m -> m.text().getBytes(StandardCharsets.UTF_8).length)
                    .sum());
  }

  @Override
  public void close() {
    log.flushHead();
    index.close();
    stores.close();
  }
}
