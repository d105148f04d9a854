package io.stratum.app;

import io.stratum.access.Principal;
import io.stratum.access.SingleSignOn;
import io.stratum.app.config.RateLimits;
import io.stratum.app.usecase.Auditor;
import io.stratum.app.usecase.Sessions;
import io.stratum.app.usecase.SignIn;
import io.stratum.audit.EnvelopeCipher;
import io.stratum.audit.LocalKeyWrapper;
import io.stratum.budget.BudgetAlert;
import io.stratum.budget.Budgets;
import io.stratum.budget.Ledger;
import io.stratum.budget.Rates;
import io.stratum.dispatch.Dispatcher;
import io.stratum.dispatch.ModelClient;
import io.stratum.dispatch.ReasoningEffort;
import io.stratum.embed.Embedder;
import io.stratum.rerank.Reranker;
import io.stratum.retrieval.Retriever;
import io.stratum.store.BodyCipher;
import io.stratum.store.Database;
import io.stratum.store.SessionStore;
import io.stratum.store.Sql;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a data directory is opened with: the providers the composition root plugs into the use
 * cases. {@link Engine} builds one from the configuration; tests build one from fakes.
 *
 * @param reranker reorders fused passages, or null for the fused order
 * @param effort reasoning effort for answers, or null for the model's default
 * @param prices a model's rates, for budgets and spend
 * @param alerts receives each budget alert once
 * @param jwt checks an OIDC token and maps it to a principal, or null without OIDC
 * @param auditKey wraps the audit trail's data keys (KMS), or null for the local key file
 * @param limits request limits for the servers, and the window failed sign-ins are counted in
 * @param index the engine of the corpus index: embedded Lucene, or OpenSearch
 * @param sync the configured sources, this node's name on the jobs it runs, leases and retries
 * @param dispatcher the dispatcher behind the tiers, whose cleared model ids the OpenAI-compatible
 *     gateway serves besides the tier aliases; null serves the aliases only
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
    SingleSignOn sso,
    EnvelopeCipher.KeyWrapper auditKey,
    Storage storage,
    RateLimits limits,
    IndexOpener index,
    SyncSetup sync,
    Dispatcher dispatcher) {
  private static final Logger LOG = LoggerFactory.getLogger(Setup.class);

  /**
   * The given embedder and model (both tiers), plain RRF, free models, alerts to the log, the
   * standard request limits.
   */
  public static Setup of(Embedder embedder, ModelClient model) {
    return new Setup(
        embedder,
        null,
        Retriever.Fusion.RRF,
        model,
        null,
        model,
        m -> Rates.FREE,
        Setup::logAlert,
        null,
        null,
        null,
        Storage.EMBEDDED,
        RateLimits.STANDARD,
        IndexOpener.EMBEDDED,
        SyncSetup.NONE,
        null);
  }

  /** The same setup with other request limits ({@link RateLimits#NONE} for a benchmark). */
  public Setup with(RateLimits other) {
    return new Setup(
        embedder,
        reranker,
        fusion,
        model,
        effort,
        basic,
        prices,
        alerts,
        jwt,
        sso,
        auditKey,
        storage,
        other,
        index,
        sync,
        dispatcher);
  }

  /** The same setup running jobs with {@code other} (configured sources, node, leases). */
  public Setup with(SyncSetup other) {
    return new Setup(
        embedder,
        reranker,
        fusion,
        model,
        effort,
        basic,
        prices,
        alerts,
        jwt,
        sso,
        auditKey,
        storage,
        limits,
        index,
        other,
        dispatcher);
  }

  /**
   * Budgets over {@code ledger} at these prices: each alert goes to {@link #alerts} and to the
   * audit trail; reservations are signed with the storage's owner (a server's node id) or this
   * process.
   */
  Budgets budgets(Ledger ledger, Auditor auditor, Consumer<Budgets.Billed> billed) {
    return new Budgets(
        ledger,
        prices,
        alert -> {
          alerts.accept(alert);
          auditor.system(
              "budget.alert",
              alert.workspace(),
              Map.of(
                  "month", alert.month().toString(),
                  "thresholdPercent", alert.thresholdPercent(),
                  "spentUsd", alert.spent().toPlainString(),
                  "capUsd", alert.cap().toPlainString()));
        },
        billed,
        storage.owner() != null ? storage.owner() : Budgets.processOwner());
  }

  /**
   * Seals the audit trail's and the conversations' bodies under the KMS key, else under the data
   * directory's own key file.
   */
  EnvelopeCipher cipher(Database database, Path dataDir) {
    return new EnvelopeCipher(
        database.sql(),
        auditKey != null ? auditKey : new LocalKeyWrapper(dataDir.resolve("audit-master.key")));
  }

  /** Browser sessions in the database, their credentials sealed; OIDC sign-in when configured. */
  Sessions sessions(Sql sql, BodyCipher cipher, SignIn signIn, Auditor auditor) {
    return new Sessions(new SessionStore(sql, cipher), signIn, sso, auditor, Instant::now);
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
}
