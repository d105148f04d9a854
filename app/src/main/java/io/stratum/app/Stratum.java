package io.stratum.app;

import io.stratum.access.AccessDeniedException;
import io.stratum.access.AccessPolicy;
import io.stratum.access.Accounts;
import io.stratum.access.Action;
import io.stratum.access.Principal;
import io.stratum.access.TokenRejectedException;
import io.stratum.answer.Answer;
import io.stratum.answer.AnswerEvent;
import io.stratum.answer.Answerer;
import io.stratum.answer.RelevanceGate;
import io.stratum.app.config.ModelConfig;
import io.stratum.audit.AuditLog;
import io.stratum.audit.EnvelopeCipher;
import io.stratum.audit.LocalKeyWrapper;
import io.stratum.budget.BudgetAlert;
import io.stratum.budget.BudgetExceededException;
import io.stratum.budget.Budgets;
import io.stratum.budget.Ledger;
import io.stratum.budget.Rates;
import io.stratum.budget.UsageRow;
import io.stratum.chunk.Chunker;
import io.stratum.corpus.Connector;
import io.stratum.corpus.SourceDocument;
import io.stratum.dispatch.ModelClient;
import io.stratum.dispatch.ReasoningEffort;
import io.stratum.embed.Embedder;
import io.stratum.index.CorpusIndex;
import io.stratum.index.Scope;
import io.stratum.ingest.IngestProgress;
import io.stratum.ingest.IngestReport;
import io.stratum.ingest.Ingestor;
import io.stratum.rerank.Reranker;
import io.stratum.retrieval.Retrieval;
import io.stratum.retrieval.Retriever;
import io.stratum.store.Conversation;
import io.stratum.store.ConversationStore;
import io.stratum.store.Database;
import io.stratum.store.DocumentStore;
import io.stratum.store.StoredDocument;
import io.stratum.store.Workspace;
import io.stratum.store.WorkspaceStore;
import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The composition root: one store, one index, one retriever, one answer model, wired together.
 * Every entry point (CLI, HTTP) goes through these methods, so validation and workspace checks
 * happen once, here, and not in each adapter.
 */
public final class Stratum implements AutoCloseable {
  /** Longest question accepted, in characters. */
  public static final int MAX_QUESTION_CHARS = 4000;

  public static final int MAX_RESULTS = 50;
  static final int CHUNK_CHARS = 1200;
  static final int ANSWER_PASSAGES = 6;
  static final int ANSWER_MAX_TOKENS = 1024;
  static final double MIN_TERM_COVERAGE = 0.6;
  // The grounding instructions and passage tags around the passages, in characters.
  static final int PROMPT_OVERHEAD_CHARS = 2000;

  /** A call still reserved this long after it started was cut off by a crash of any process. */
  static final java.time.Duration STALE_CALL = java.time.Duration.ofMinutes(30);

  private final Path dataDir;
  private final Database database;
  private final WorkspaceStore workspaces;
  private final DocumentStore documents;
  private final ConversationStore conversations;
  private final CorpusIndex index;
  private final Retriever retriever;
  private final Answerer answerer;
  private final AnswerTier advancedTier;
  private final AnswerTier basicTier;
  private final Ingestor ingestor;
  private final ModelClient model;
  private final Accounts accounts;
  private final AccessPolicy policy;
  private final Ledger ledger;
  private final Budgets budgets;
  private final Chat chat;
  private final Function<String, Principal> jwt;
  private final Auditor audit;
  private final Admin admin;
  private final Metrics metrics = new Metrics();
  private static final Logger LOG = LoggerFactory.getLogger(Stratum.class);

  /**
   * What a data directory is opened with.
   *
   * @param reranker reorders fused passages, or null for the fused order
   * @param effort reasoning effort for answers, or null for the model's default
   * @param prices a model's rates, for budgets and spend
   * @param alerts receives each budget alert once
   * @param jwt checks an OIDC token and maps it to a principal, or null without OIDC
   * @param auditKey wraps the audit trail's data keys (KMS), or null for the local key file
   */
  public record Setup(
      Embedder embedder,
      Reranker reranker,
      Retriever.Fusion fusion,
      ModelClient model,
      ReasoningEffort effort,
      ModelClient basic,
      Function<String, Rates> prices,
      Consumer<BudgetAlert> alerts,
      Function<String, Principal> jwt,
      EnvelopeCipher.KeyWrapper auditKey,
      Storage storage) {

    /** The given embedder and model (both tiers), plain RRF, free models, alerts to the log. */
    public static Setup of(Embedder embedder, ModelClient model) {
      return new Setup(
          embedder,
          null,
          Retriever.Fusion.RRF,
          model,
          null,
          model,
          m -> Rates.FREE,
          Stratum::logAlert,
          null,
          null,
          Storage.EMBEDDED);
    }
  }

  /**
   * Where state is kept.
   *
   * @param jdbcUrl a PostgreSQL URL, or null for SQLite in the data directory
   * @param password from the environment, never from a configuration file
   * @param owner names this process on the calls it reserves, so its next start bills what a crash
   *     left unbilled: a stable node id for a server, null for a one-off process (the CLI)
   */
  public record Storage(String jdbcUrl, String user, String password, String owner) {
    public static final Storage EMBEDDED = new Storage(null, null, null, null);

    Database open(Path dataDir) {
      return jdbcUrl == null
          ? Database.sqliteIn(dataDir)
          : Database.postgres(jdbcUrl, user, password, java.time.Clock.systemUTC());
    }
  }

  private Stratum(Path dataDir, Database database, CorpusIndex index, Setup setup) {
    this.dataDir = dataDir;
    this.database = database;
    EnvelopeCipher cipher =
        new EnvelopeCipher(
            database.sql(),
            setup.auditKey() != null
                ? setup.auditKey()
                : new LocalKeyWrapper(dataDir.resolve("audit-master.key")));
    this.workspaces = new WorkspaceStore(database.sql());
    this.documents = new DocumentStore(database.sql());
    this.conversations = new ConversationStore(database.sql(), cipher);
    this.index = index;
    this.retriever = new Retriever(index, setup.reranker(), setup.fusion());
    Embedder embedder = index.embedder();
    this.model = setup.model();
    RelevanceGate gate = new RelevanceGate(MIN_TERM_COVERAGE, embedder.relevanceFloor());
    this.answerer =
        new Answerer(retriever, model, gate, ANSWER_PASSAGES, ANSWER_MAX_TOKENS, setup.effort());
    this.advancedTier = new AnswerTier("advanced", model, answerer);
    this.basicTier =
        new AnswerTier(
            "basic",
            setup.basic(),
            new Answerer(retriever, setup.basic(), gate, ANSWER_PASSAGES, ANSWER_MAX_TOKENS, null));
    this.ingestor = new Ingestor(workspaces, documents, index, new Chunker(CHUNK_CHARS));
    this.accounts = new Accounts(database.sql());
    this.policy = accounts.policy();
    this.ledger = new Ledger(database.sql());
    this.audit =
        new Auditor(
            new AuditLog(
                database.sql(),
                dataDir.resolve("audit-signing.key"),
                dataDir.resolve("audit-head"),
                cipher));
    this.budgets =
        new Budgets(
            ledger,
            setup.prices(),
            alert -> {
              setup.alerts().accept(alert);
              audit.record(
                  "budget.alert",
                  "success",
                  null,
                  alert.workspace(),
                  Map.of(
                      "month", alert.month().toString(),
                      "thresholdPercent", alert.thresholdPercent(),
                      "spentUsd", alert.spent().toPlainString(),
                      "capUsd", alert.cap().toPlainString()));
            },
            metrics::billed,
            setup.storage().owner() != null ? setup.storage().owner() : Budgets.processOwner());
    this.jwt = setup.jwt();
    this.admin = new Admin(this, accounts, ledger, audit);
    this.chat =
        new Chat(
            workspaces,
            conversations,
            database.sql(),
            policy,
            this::require,
            budgets,
            this::tierFor,
            setup.basic(),
            setup.basic().modelId().equals(ModelConfig.LOCAL_MODEL));
  }

  /** Opens (creating if needed) the data directory with the given embedder and answer model. */
  public static Stratum open(Path dataDir, Embedder embedder, ModelClient model) {
    return open(dataDir, Setup.of(embedder, model));
  }

  /** Opens (creating if needed) the data directory. */
  public static Stratum open(Path dataDir, Setup setup) {
    DataDirectory.secure(dataDir);
    Database database = setup.storage().open(dataDir);
    if (setup.storage().owner() != null) { // a server; one-off CLI commands stay quiet
      LOG.info("store: {}", database);
    } else {
      LOG.debug("store: {}", database);
    }
    try {
      Stratum s =
          new Stratum(
              dataDir,
              database,
              CorpusIndex.open(dataDir.resolve("index"), setup.embedder()),
              setup);
      s.recover();
      return s;
    } catch (RuntimeException e) {
      database.close();
      throw e;
    }
  }

  /**
   * What a crash may have left: records the audit head vouched for but the database lost (recorded
   * as an {@code audit.gap}), and model calls that started but were never billed (billed now at
   * their reserved worst case, audited as {@code interrupted}).
   */
  private void recover() {
    audit
        .log()
        .reconcile()
        .ifPresent(
            gap ->
                LOG.error(
                    "audit trail: {}; the signed head was ahead of the database at startup", gap));
    List<Budgets.Interrupted> billed =
        budgets.billInterrupted(
            java.time.Instant.now().minus(STALE_CALL),
            i -> {
              Map<String, Object> m = new java.util.LinkedHashMap<>();
              m.put("model", i.reservation().call().modelId());
              m.put("tier", i.reservation().call().tier());
              m.put("reservationId", i.reservation().id());
              m.put("startedAt", i.reservation().createdAt().toString());
              m.put("costUsd", i.cost().toPlainString());
              m.put("billedAs", "reserved worst case");
              if (i.reservation().call().conversationId() != null) {
                m.put("conversationId", i.reservation().call().conversationId());
              }
              audit.record(
                  "chat.answer",
                  "interrupted",
                  i.reservation().call().principal(),
                  i.reservation().call().workspace(),
                  m,
                  null);
            });
    if (!billed.isEmpty()) {
      LOG.warn(
          "billed {} model call(s) that a crash cut off, at their reserved worst case (audited as"
              + " chat.answer interrupted)",
          billed.size());
    }
  }

  static void logAlert(BudgetAlert a) {
    LOG.warn(
        "budget alert: workspace '{}' has spent ${} of its ${} cap in {} ({}% threshold)",
        a.workspace(),
        a.spent().toPlainString(),
        a.cap().toPlainString(),
        a.month(),
        a.thresholdPercent());
  }

  public Path dataDir() {
    return dataDir;
  }

  public IngestReport ingest(Connector connector, Consumer<IngestProgress> progress) {
    IngestReport r = ingestor.ingest(connector, progress);
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("source", r.source());
    m.put("scanned", r.scanned());
    m.put("added", r.added());
    m.put("updated", r.updated());
    m.put("deleted", r.deleted());
    m.put("problems", r.problems().size());
    audit.record(
        "source.ingested",
        r.problems().isEmpty() ? "success" : "failure",
        Principal.LOCAL_OPERATOR,
        "",
        m);
    return r;
  }

  /**
   * The workspaces {@code who} may read: all for an org admin, else its own and the global ones.
   */
  public List<Workspace> workspaces(Principal who) {
    return workspaces.workspaces().stream()
        .filter(w -> policy.allows(who, Action.READ, w.id()))
        .toList();
  }

  /** A new, empty workspace. */
  public void createWorkspace(String id, String name) {
    if (workspaces.workspace(id).isPresent()) {
      throw new IllegalArgumentException("workspace '" + id + "' already exists");
    }
    workspaces.ensureWorkspace(id, name);
  }

  /**
   * The principal a bearer credential names: a Stratum API token, or an OIDC JWT when an identity
   * provider is configured.
   *
   * @throws TokenRejectedException saying why it is refused
   */
  public Principal authenticate(String bearer) {
    if (bearer.startsWith(Accounts.TOKEN_PREFIX)) {
      return accounts.authenticate(bearer);
    }
    if (jwt != null && bearer.chars().filter(ch -> ch == '.').count() == 2) {
      return jwt.apply(bearer);
    }
    throw new TokenRejectedException(
        jwt == null
            ? "not a Stratum API token (OIDC is not configured)"
            : "neither a Stratum API token nor a JWT");
  }

  public Metrics metrics() {
    return metrics;
  }

  /** Whether the store and the index answer; {@code /readyz} reports it. */
  public boolean ready() {
    try {
      documents.documentCount();
      index.size();
      return true;
    } catch (RuntimeException e) {
      LOG.warn("not ready: {}", e.getMessage());
      return false;
    }
  }

  public Accounts accounts() {
    return accounts;
  }

  public AccessPolicy policy() {
    return policy;
  }

  public Ledger ledger() {
    return ledger;
  }

  public List<Workspace> workspaces() {
    return workspaces.workspaces();
  }

  public Workspace workspace(String id) {
    return workspaces
        .workspace(id)
        .orElseThrow(
            () ->
                new UnknownWorkspaceException(
                    id, workspaces.workspaces().stream().map(Workspace::id).toList()));
  }

  public Retrieval search(String workspace, String query, int k) {
    return search(Principal.LOCAL_OPERATOR, workspace, query, k, List.of());
  }

  public Retrieval search(String workspace, String query, int k, List<String> kinds) {
    return search(Principal.LOCAL_OPERATOR, workspace, query, k, kinds);
  }

  /** Hybrid retrieval in one workspace {@code who} may read, optionally of some source kinds. */
  public Retrieval search(
      Principal who, String workspace, String query, int k, List<String> kinds) {
    return search(who, List.of(workspace), query, k, kinds);
  }

  /**
   * Hybrid retrieval across {@code workspaces}, every one of which {@code who} must be able to read
   * (the first that is not is denied, by name, before anything is searched). Each workspace gets
   * its own audit record with the passages that came from it, so its admins see their part.
   */
  public Retrieval search(
      Principal who, List<String> workspaces, String query, int k, List<String> kinds) {
    if (workspaces.isEmpty()) {
      throw new InvalidInputException("workspaces", "pick at least one workspace");
    }
    workspaces.forEach(this::workspace);
    workspaces.forEach(ws -> require(who, Action.READ, ws, "search"));
    String q = requireText("q", query);
    if (k < 1 || k > MAX_RESULTS) {
      throw new InvalidInputException(
          "k", "expected a number from 1 to " + MAX_RESULTS + ", got " + k);
    }
    for (String kind : kinds) {
      if (!SourceDocument.KINDS.contains(kind)) {
        throw new InvalidInputException(
            "kind",
            "expected one of %s, got '%s'"
                .formatted(String.join(", ", SourceDocument.KINDS), kind));
      }
    }
    Retrieval r =
        retriever.retrieve(
            q, new Scope(Set.copyOf(workspaces), Set.copyOf(kinds)), k, Retriever.CANDIDATES);
    for (String ws : new java.util.LinkedHashSet<>(workspaces)) {
      audit.record(
          "search",
          "success",
          who,
          ws,
          Map.of(
              "k",
              k,
              "kinds",
              kinds,
              "passages",
              r.passages().stream()
                  .filter(p -> p.workspace().equals(ws))
                  .map(p -> p.chunkId())
                  .toList(),
              "tookMs",
              r.micros() / 1000.0),
          Map.of("query", q));
    }
    return r;
  }

  /**
   * Records one MCP tool call: who called which tool, on which workspace, and how it ended. The
   * tool's own work (a search, an answer, a document read) is audited as it is for the HTTP API.
   */
  public void auditToolCall(
      Principal who, String tool, String outcome, String workspace, Map<String, Object> details) {
    Map<String, Object> m = new java.util.LinkedHashMap<>(details);
    m.put("tool", tool);
    audit.record("mcp.tool_called", outcome, who, workspace, m);
  }

  /** Answers from one workspace, streaming events, and records the exchange as a conversation. */
  public Asked ask(String workspace, String question, Consumer<AnswerEvent> listener) {
    return ask(Principal.LOCAL_OPERATOR, workspace, question, listener);
  }

  /**
   * As above, for {@code who}, who must be allowed to ask in the workspace. The call's worst case
   * is reserved against the workspace budget first (a hard cap refuses here, before any model
   * call), and its actual usage is billed after, also when the call fails.
   */
  public Asked ask(
      Principal who, String workspace, String question, Consumer<AnswerEvent> listener) {
    workspace(workspace);
    require(who, Action.ASK, workspace, "chat.answer");
    String q = requireText("question", question);
    AnswerTier tier = tierFor(workspace);
    int promptTokens = promptTokens(q);
    Budgets.Reservation held;
    try {
      held =
          budgets.admit(
              new Budgets.Call(
                  workspace,
                  who.id(),
                  tier.model().modelId(),
                  tier.name(),
                  promptTokens,
                  ANSWER_MAX_TOKENS,
                  null),
              budgets.estimate(tier.model().modelId(), promptTokens, ANSWER_MAX_TOKENS));
    } catch (BudgetExceededException e) {
      audit.record(
          "chat.answer",
          "refused",
          who,
          workspace,
          Map.of("reason", e.getMessage()),
          Map.of("question", q));
      throw e;
    }
    Answer answer;
    try {
      answer = tier.answerer().ask(q, Set.of(workspace), listener);
    } catch (RuntimeException e) {
      database
          .sql()
          .transaction(
              "record a failed answer",
              () -> {
                budgets.settle(held, List.of());
                audit.record(
                    "chat.answer",
                    "failure",
                    who,
                    workspace,
                    Map.of(
                        "model",
                        tier.model().modelId(),
                        "tier",
                        tier.name(),
                        "error",
                        String.valueOf(e.getMessage())),
                    Map.of("question", q));
                return null;
              });
      throw e;
    }
    // The bill, the conversation and the audit record commit together, before the caller may
    // acknowledge the answer: a crash leaves all three or none (and then the reservation, which
    // the next start bills as interrupted).
    String conversation =
        database
            .sql()
            .transaction(
                "record the answer",
                () -> {
                  BigDecimal cost =
                      budgets.settle(held, rowsFor(who, workspace, tier.name(), answer));
                  String id =
                      conversations.recordExchange(
                          who.id(),
                          workspace,
                          q,
                          answer.text(),
                          answer.citations().stream().map(p -> p.documentId()).distinct().toList(),
                          answer.refused());
                  auditAnswer(who, workspace, tier.name(), id, q, q, answer, cost);
                  return id;
                });
    return new Asked(conversation, answer);
  }

  /** Writes a chat turn to the audit trail: who, which model and surface, what it used and cost. */
  void auditAnswer(
      Principal who,
      String workspace,
      String tier,
      String conversation,
      String question,
      String query,
      Answer a,
      BigDecimal cost) {
    Map<String, Object> m = new java.util.LinkedHashMap<>();
    m.put("conversationId", conversation);
    m.put("model", a.modelId());
    m.put("backend", a.backend());
    m.put("tier", tier);
    m.put("refused", a.refused());
    m.put("refusal", a.refusal());
    m.put("passages", a.passages().stream().map(p -> p.chunkId()).toList());
    m.put("citations", a.citations().stream().map(p -> p.documentId()).distinct().toList());
    m.put("removedCitationMarkers", a.removedMarkers());
    m.put(
        "usage",
        Map.of(
            "input", a.usage().input(),
            "output", a.usage().output(),
            "reasoning", a.usage().reasoning(),
            "cacheRead", a.usage().cacheRead(),
            "cacheWrite", a.usage().cacheWrite()));
    m.put("costUsd", cost.stripTrailingZeros().toPlainString());
    m.put("latencyMs", a.latencyMillis());
    Map<String, Object> body = new java.util.LinkedHashMap<>();
    body.put("question", question);
    if (!query.equals(question)) {
      body.put("query", query);
    }
    body.put("answer", a.text());
    audit.record("chat.answer", a.refused() ? "refused" : "success", who, workspace, m, body);
  }

  /** The policy's check, with a denial audited before it is thrown. */
  void require(Principal who, Action action, String workspace, String auditAction) {
    if (!policy.allows(who, action, workspace)) {
      audit.record(auditAction, "denied", who, workspace, Map.of("needed", action.verb()));
      throw new AccessDeniedException(who, action, workspace);
    }
  }

  WorkspaceStore workspaceStore() {
    return workspaces;
  }

  /** The database, for the operations that act on it whole (backup). */
  public Database database() {
    return database;
  }

  public Admin admin() {
    return admin;
  }

  public AuditLog auditLog() {
    return audit.log();
  }

  /** Sends the audit trail to SIEM sinks as OCSF, each from its persisted cursor. */
  public io.stratum.audit.AuditExporter auditExporter(String productVersion) {
    return new io.stratum.audit.AuditExporter(
        audit.log(), database.sql(), new io.stratum.audit.Ocsf(productVersion));
  }

  /** An admin action Stratum takes itself (first-run accounts), audited with {@code system}. */
  void auditSystem(String action, String workspace, Map<String, Object> metadata) {
    audit.record(action, "success", "system", workspace, metadata, null);
  }

  /** A failed sign-in, audited with the reason and never the credential. */
  public void auditAuthFailure(String reason) {
    audit.record("auth.failed", "failure", "anonymous", "", Map.of("reason", reason), null);
  }

  /** The worst-case prompt of an answer: the question, a full set of passages, the instructions. */
  static int promptTokens(String question) {
    return (question.length() + ANSWER_PASSAGES * CHUNK_CHARS + PROMPT_OVERHEAD_CHARS) / 4;
  }

  /** The bill for an answer; none when no model ran (a refusal by the relevance gate). */
  static List<UsageRow> rowsFor(Principal who, String workspace, String tier, Answer a) {
    if (a.usage().total() == 0) {
      return List.of();
    }
    return List.of(new UsageRow(workspace, who.id(), a.modelId(), tier, a.backend(), a.usage()));
  }

  /**
   * The tier that writes answers in {@code workspace}: advanced when allowed, else basic.
   *
   * @throws AccessDeniedException when the workspace may use neither
   */
  AnswerTier tierFor(String workspace) {
    return tierFor(workspace, workspaces.tiers(workspace));
  }

  /** As {@link #tierFor(String)}, given the tiers the workspace allows. */
  AnswerTier tierFor(String workspace, Set<String> tiers) {
    if (tiers.contains("advanced")) {
      return advancedTier;
    }
    if (tiers.contains("basic")) {
      return basicTier;
    }
    throw new AccessDeniedException(
        "workspace '%s' may use no model tier; an org admin can allow one: PUT /api/workspaces/%s/tiers"
            .formatted(workspace, workspace));
  }

  /** Where a workspace's documents came from: each source, its kind, count and last ingest. */
  public List<DocumentStore.SourceSummary> sources(Principal who, String workspace) {
    workspace(workspace);
    policy.require(who, Action.READ, workspace);
    return documents.sourcesOf(workspace);
  }

  /**
   * Deletes a workspace: its chunks leave the index first (committed), then its documents,
   * conversations and memberships leave the store. Irreversible; workspace admins and org admins.
   */
  public void deleteWorkspace(Principal who, String workspace) {
    workspace(workspace);
    require(who, Action.ADMINISTER, workspace, "workspace.deleted");
    index.deleteWorkspace(workspace);
    index.commit();
    database
        .sql()
        .transaction(
            "delete workspace " + workspace,
            () -> {
              documents.deleteWorkspace(workspace);
              conversations.deleteWorkspace(workspace);
              workspaces.delete(workspace);
              return null;
            });
    if (accounts.isGlobal(workspace)) {
      accounts.setGlobal(workspace, false);
    }
    audit.record("workspace.deleted", "success", who, workspace, Map.of());
  }

  /** An answer and the conversation it was recorded in. */
  public record Asked(String conversationId, Answer answer) {}

  public Optional<Conversation> conversation(String id) {
    return conversation(Principal.LOCAL_OPERATOR, id);
  }

  /**
   * A conversation, if {@code who} had it (or administers its workspace) and may still read that
   * workspace; anyone else gets nothing, as if it did not exist.
   */
  public Optional<Conversation> conversation(Principal who, String id) {
    Optional<Conversation> found =
        conversations
            .conversation(id)
            .filter(
                c ->
                    policy.allows(who, Action.ADMINISTER, c.workspace())
                        || (who.id().equals(c.principal())
                            && policy.allows(who, Action.READ, c.workspace())));
    audit.record(
        "conversation.read",
        found.isPresent() ? "success" : "denied",
        who,
        found.map(Conversation::workspace).orElse(""),
        Map.of("conversationId", id));
    return found;
  }

  /**
   * Starts a conversation over {@code workspaces}, each of which {@code who} must be able to ask
   * in.
   */
  public String startConversation(Principal who, List<String> workspaces, String title) {
    workspaces.forEach(this::workspace);
    return chat.start(who, workspaces, title == null ? "" : title);
  }

  /**
   * One turn of {@code who}'s conversation {@code id}, streamed to {@code listener}; empty when
   * there is no such conversation of theirs.
   */
  public Optional<Chat.Turn> send(
      Principal who, String id, String question, Consumer<AnswerEvent> listener) {
    String q = requireText("content", question);
    return conversations
        .conversation(id)
        .filter(c -> who.orgAdmin() || who.id().equals(c.principal()))
        .map(
            c -> {
              Chat.Turn t;
              try {
                t =
                    chat.send(
                        who,
                        c,
                        q,
                        listener,
                        turn ->
                            auditAnswer(
                                who,
                                turn.workspace(),
                                turn.tier(),
                                c.id(),
                                q,
                                turn.query(),
                                turn.answer(),
                                turn.cost()));
              } catch (AccessDeniedException e) {
                throw e; // audited by the access check
              } catch (BudgetExceededException e) {
                audit.record(
                    "chat.answer",
                    "refused",
                    who,
                    c.workspace(),
                    Map.of("reason", e.getMessage(), "conversationId", c.id()),
                    Map.of("question", q));
                throw e;
              } catch (RuntimeException e) {
                audit.record(
                    "chat.answer",
                    "failure",
                    who,
                    c.workspace(),
                    Map.of("error", String.valueOf(e.getMessage()), "conversationId", c.id()),
                    Map.of("question", q));
                throw e;
              }
              return t;
            });
  }

  /** {@code who}'s conversations, newest first, a page at a time. */
  public List<ConversationStore.ConversationHeader> conversations(
      Principal who, String cursor, int limit) {
    if (limit < 1 || limit > MAX_RESULTS) {
      throw new InvalidInputException(
          "limit", "expected a number from 1 to " + MAX_RESULTS + ", got " + limit);
    }
    return conversations.conversationsOf(who.id(), cursor, limit);
  }

  /** Sets the instructions appended to the platform prompt in {@code workspace}. */
  public void setWorkspacePrompt(Principal who, String workspace, String prompt) {
    workspace(workspace);
    require(who, Action.ADMINISTER, workspace, "workspace.prompt_changed");
    if (prompt.length() > 8000) {
      throw new InvalidInputException(
          "prompt", "must be at most 8000 characters, got " + prompt.length());
    }
    String before = workspaces.prompt(workspace);
    workspaces.setPrompt(workspace, prompt);
    audit.record(
        "workspace.prompt_changed",
        "success",
        who,
        workspace,
        Map.of("before", before, "after", prompt));
  }

  /** A stored document and its chunks' text, if it exists; only for readers of its workspace. */
  public Optional<DocumentView> document(Principal who, String id) {
    Optional<StoredDocument> doc = documents.document(id);
    doc.ifPresent(
        d -> {
          require(who, Action.READ, d.workspace(), "document.read");
          audit.record("document.read", "success", who, d.workspace(), Map.of("document", id));
        });
    return doc.map(d -> new DocumentView(d, documents.chunkTexts(d.id())));
  }

  /** A document as the API shows it: its record and the text of its chunks in order. */
  public record DocumentView(StoredDocument document, List<String> chunks) {}

  public int documentCount() {
    return documents.documentCount();
  }

  /**
   * Copies the index's last commit to {@code target} while it keeps being written; false (and an
   * empty {@code target}) when nothing was ever ingested.
   */
  public boolean backupIndexTo(Path target) {
    if (!index.hasCommit()) {
      try {
        java.nio.file.Files.createDirectories(target);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException("cannot create " + target, e);
      }
      return false;
    }
    index.backupTo(target);
    return true;
  }

  /** Whether another process (a running server) holds the index, so this one only reads it. */
  public boolean indexReadOnly() {
    return index.readOnly();
  }

  public int chunkCount() {
    return index.size();
  }

  private static String requireText(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new InvalidInputException(field, "must not be empty");
    }
    if (value.length() > MAX_QUESTION_CHARS) {
      throw new InvalidInputException(
          field, "must be at most " + MAX_QUESTION_CHARS + " characters, got " + value.length());
    }
    return value.strip();
  }

  @Override
  public void close() {
    try {
      index.close();
    } finally {
      database.close();
    }
  }
}
