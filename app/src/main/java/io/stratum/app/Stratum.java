package io.stratum.app;

import io.stratum.access.Accounts;
import io.stratum.answer.Answerer;
import io.stratum.answer.RelevanceGate;
import io.stratum.app.config.ModelConfig;
import io.stratum.app.config.RateLimits;
import io.stratum.app.usecase.AdminReads;
import io.stratum.app.usecase.Administration;
import io.stratum.app.usecase.AnswerTier;
import io.stratum.app.usecase.Answering;
import io.stratum.app.usecase.AuditTrail;
import io.stratum.app.usecase.Auditor;
import io.stratum.app.usecase.Conversations;
import io.stratum.app.usecase.Documents;
import io.stratum.app.usecase.FirstRun;
import io.stratum.app.usecase.Gateway;
import io.stratum.app.usecase.Guard;
import io.stratum.app.usecase.Monitoring;
import io.stratum.app.usecase.Recovery;
import io.stratum.app.usecase.Search;
import io.stratum.app.usecase.Sessions;
import io.stratum.app.usecase.SignIn;
import io.stratum.app.usecase.Spending;
import io.stratum.app.usecase.Syncing;
import io.stratum.audit.AuditExporter;
import io.stratum.audit.AuditLog;
import io.stratum.audit.EnvelopeCipher;
import io.stratum.audit.Ocsf;
import io.stratum.budget.Budgets;
import io.stratum.budget.Ledger;
import io.stratum.chunk.Chunker;
import io.stratum.dispatch.ModelClient;
import io.stratum.dispatch.ReasoningEffort;
import io.stratum.embed.Embedder;
import io.stratum.index.CorpusIndex;
import io.stratum.ingest.Ingestor;
import io.stratum.retrieval.Retriever;
import io.stratum.store.ConversationStore;
import io.stratum.store.Database;
import io.stratum.store.DocumentStore;
import io.stratum.store.Sql;
import io.stratum.store.WorkspaceStore;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.BiFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;

/**
 * The composition root of one data directory: it opens the store and the index, wires the use cases
 * over them, and hands those to the adapters (CLI, HTTP, MCP), which call nothing else. It keeps
 * only what acts on the data directory whole: readiness, counts, backup, close.
 *
 * <pre>{@code
 * try (Stratum s = Stratum.open(dataDir, Setup.of(embedder, model))) {
 *   s.answering().ask(Principal.LOCAL_OPERATOR, "security", "How do we rotate keys?", e -> {});
 * }
 * }</pre>
 */
public final class Stratum implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(Stratum.class);

  private final Path dataDir;
  private final Database database;
  private final CorpusIndex index;
  private final Setup setup;
  private final DocumentStore documentStore;
  private final AuditLog auditLog;
  private final Metrics metrics = new Metrics();
  private final Auditor auditor;
  private final Answering answering;
  private final Gateway gateway;
  private final Search search;
  private final Documents documents;
  private final Conversations conversations;
  private final Administration administration;
  private final Spending spending;
  private final SignIn signIn;
  private final Sessions sessions;
  private final Syncing syncing;
  private final AdminReads adminReads;
  private final AuditTrail auditTrail;
  private final FirstRun firstRun;
  private final Monitoring monitoring;

  private Stratum(Path dataDir, Database database, CorpusIndex index, Setup setup) {
    this.dataDir = dataDir;
    this.database = database;
    this.index = index;
    this.setup = setup;
    Sql sql = database.sql();
    EnvelopeCipher cipher = setup.cipher(database, dataDir);
    WorkspaceStore workspaceStore = new WorkspaceStore(sql);
    this.documentStore = new DocumentStore(sql);
    ConversationStore conversationStore = new ConversationStore(sql, cipher);
    Accounts accounts = new Accounts(sql);
    Ledger ledger = new Ledger(sql);
    this.auditLog =
        new AuditLog(
            sql, dataDir.resolve("audit-signing.key"), dataDir.resolve("audit-head"), cipher);
    this.auditor = new Auditor(auditLog, setup.limits().authFailureWindow(), Instant::now);
    Guard guard = new Guard(accounts.policy(), workspaceStore, auditor);
    Budgets budgets = setup.budgets(ledger, auditor, metrics::billed);
    Retriever retriever =
        new Retriever(index, setup.reranker(), setup.fusion(), documentStore::stored);
    RelevanceGate gate =
        new RelevanceGate(Tuning.MIN_TERM_COVERAGE, index.embedder().relevanceFloor());
    BiFunction<ModelClient, ReasoningEffort, Answerer> answerer =
        (m, e) -> new Answerer(retriever, m, gate, Tuning.ANSWER_PASSAGES, Tuning.ANSWER_TOKENS, e);
    this.answering =
        new Answering(
            guard,
            workspaceStore,
            conversationStore,
            sql,
            budgets,
            new AnswerTier(
                "advanced", setup.model(), answerer.apply(setup.model(), setup.effort())),
            new AnswerTier("basic", setup.basic(), answerer.apply(setup.basic(), null)),
            setup.basic().modelId().equals(ModelConfig.LOCAL_MODEL),
            auditor,
            metrics::answered);
    this.gateway =
        new Gateway(
            guard, workspaceStore, sql, budgets, auditor, answering.tiers(), setup.dispatcher());
    this.search = new Search(guard, retriever, auditor);
    Ingestor ingestor =
        new Ingestor(workspaceStore, documentStore, index, new Chunker(Tuning.CHUNK_CHARS));
    this.documents = new Documents(guard, documentStore, ingestor, auditor);
    this.syncing = setup.sync().syncing(guard, sql, ingestor, auditor, dataDir);
    this.conversations = new Conversations(guard, conversationStore, auditor);
    this.administration =
        new Administration(
            guard,
            accounts,
            ledger,
            new Administration.Stores(sql, workspaceStore, documentStore, conversationStore, index),
            auditor);
    this.adminReads = new AdminReads(guard, accounts, ledger, workspaceStore);
    this.spending = new Spending(guard, ledger);
    this.signIn = new SignIn(accounts, setup.jwt(), auditor);
    this.sessions = setup.sessions(sql, cipher, signIn, auditor);
    this.auditTrail = new AuditTrail(guard, auditLog);
    this.firstRun = new FirstRun(accounts, auditor);
    this.monitoring = new Monitoring(guard, metrics::scrape);
    Recovery.run(auditLog, budgets, auditor, Instant.now().minus(Tuning.STALE_CALL));
  }

  /** Opens (creating if needed) the data directory with the given embedder and answer model. */
  public static Stratum open(Path dataDir, Embedder embedder, ModelClient model) {
    return open(dataDir, Setup.of(embedder, model));
  }

  /** Opens (creating if needed) the data directory. */
  public static Stratum open(Path dataDir, Setup setup) {
    DataDirectory.secure(dataDir);
    Database database = setup.storage().open(dataDir);
    // A server (an owner) says where its state is; one-off CLI commands stay quiet.
    LOG.atLevel(setup.storage().owner() != null ? Level.INFO : Level.DEBUG)
        .log("store: {}; index: {}", database, setup.index().describe(dataDir));
    try {
      return new Stratum(dataDir, database, setup.index().open(dataDir, setup.embedder()), setup);
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  public Answering answering() {
    return answering;
  }

  public Gateway gateway() {
    return gateway;
  }

  public Search search() {
    return search;
  }

  public Documents documents() {
    return documents;
  }

  public Conversations conversations() {
    return conversations;
  }

  public Administration administration() {
    return administration;
  }

  public Spending spending() {
    return spending;
  }

  public SignIn signIn() {
    return signIn;
  }

  public AdminReads adminReads() {
    return adminReads;
  }

  public Sessions sessions() {
    return sessions;
  }

  public Syncing syncing() {
    return syncing;
  }

  public AuditTrail auditTrail() {
    return auditTrail;
  }

  public Monitoring monitoring() {
    return monitoring;
  }

  public FirstRun firstRun() {
    return firstRun;
  }

  /** The records adapters write themselves: refused credentials and MCP tool calls. */
  public Auditor auditor() {
    return auditor;
  }

  public RateLimits limits() {
    return setup.limits();
  }

  public Path dataDir() {
    return dataDir;
  }

  public Metrics metrics() {
    return metrics;
  }

  /** Whether the store and the index answer; {@code /readyz} reports it. */
  public boolean ready() {
    try {
      documentStore.documentCount();
      index.size();
      return true;
    } catch (RuntimeException e) {
      LOG.warn("not ready: {}", e.getMessage());
      return false;
    }
  }

  public int documentCount() {
    return documentStore.documentCount();
  }

  public int chunkCount() {
    return index.size();
  }

  /** The whole audit trail, for the operator's verify, query and expiry (the CLI). */
  public AuditLog auditLog() {
    return auditLog;
  }

  /** Sends the audit trail to SIEM sinks as OCSF, each from its persisted cursor. */
  public AuditExporter auditExporter(String productVersion) {
    return new AuditExporter(auditLog, database.sql(), new Ocsf(productVersion));
  }

  /** Consistent copies of the database and the index, taken while both keep being written. */
  public Backup backup() {
    return new Backup(database, index);
  }

  /** The OpenSearch index rebuilt from the store and swapped in: {@code stratum index rebuild}. */
  public IndexRebuild indexRebuild() {
    return new IndexRebuild(setup.index(), dataDir, index.embedder(), documentStore);
  }

  /** Whether another process (a running server) holds the index, so this one only reads it. */
  public boolean indexReadOnly() {
    return index.readOnly();
  }

  @Override
  public void close() {
    try {
      auditor.close(); // records the failed sign-ins still being counted while the store is open
      auditLog.flushHead();
      index.close();
    } finally {
      database.close();
    }
  }
}
