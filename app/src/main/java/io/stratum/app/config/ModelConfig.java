package io.stratum.app.config;

import io.stratum.catalog.Backend;
import io.stratum.dispatch.DispatchSettings;
import io.stratum.dispatch.ReasoningEffort;
import io.stratum.providers.oidc.OidcAuthenticator;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * Which models serve Stratum and how they are reached, from {@code terraform.tfvars} (or {@code
 * .tfvars.json}) and {@code STRATUM_*} environment overrides. Every key is listed in the README.
 *
 * @param sources what {@code stratum ingest} reads when given no source of its own
 * @param oidc the identity provider whose JWTs are accepted besides API tokens, if any
 * @param budgetWebhook where budget alerts are posted, or null
 * @param kmsKeyArn the KMS key that wraps the audit trail's data keys, or null for the local key
 *     file
 * @param kmsEndpoint overrides the KMS endpoint (a VPC endpoint), or null
 * @param auditExport the SIEM sinks the audit trail is exported to
 * @param storage the database: SQLite in the data directory, or PostgreSQL
 * @param source where the configuration came from, for messages
 */
public record ModelConfig(
    String advancedModelId,
    String basicModelId,
    Backend defaultBackend,
    RetrievalModels retrieval,
    String region,
    Prices advancedPrices,
    Prices basicPrices,
    String mantleApiKeySsmParam,
    Optional<DispatchSettings.ClearedModels> cleared,
    URI runtimeEndpoint,
    URI mantleEndpoint,
    String mantleSigningName,
    boolean strict,
    ReasoningEffort advancedEffort,
    ReasoningEffort basicEffort,
    Duration keepAlive,
    Duration firstByte,
    Duration idle,
    Duration total,
    List<SourceSpec> sources,
    Optional<OidcAuthenticator.Settings> oidc,
    URI budgetWebhook,
    String kmsKeyArn,
    URI kmsEndpoint,
    AuditExportSettings auditExport,
    StorageSettings storage,
    String source) {

  public static final String LOCAL_MODEL = "stratum-local-extractive";

  /** USD per million tokens. */
  public record Prices(double input, double output) {}

  /** True when every tier runs on the in-process local model (no cloud at all). */
  public boolean localOnly() {
    return advancedModelId.equals(LOCAL_MODEL) && basicModelId.equals(LOCAL_MODEL);
  }

  /** The same configuration sent to {@code endpoint} for both surfaces (e.g. the simulator). */
  public ModelConfig withEndpoint(URI endpoint) {
    return new ModelConfig(
        advancedModelId,
        basicModelId,
        defaultBackend,
        retrieval,
        region,
        advancedPrices,
        basicPrices,
        mantleApiKeySsmParam,
        cleared,
        endpoint,
        endpoint,
        mantleSigningName,
        strict,
        advancedEffort,
        basicEffort,
        keepAlive,
        firstByte,
        idle,
        total,
        sources,
        oidc,
        budgetWebhook,
        kmsKeyArn,
        kmsEndpoint,
        auditExport,
        storage,
        source + " + endpoint " + endpoint);
  }

  /** The same configuration with {@code model} on both tiers. */
  public ModelConfig withModel(String model) {
    return new ModelConfig(
        model,
        model,
        defaultBackend,
        retrieval,
        region,
        advancedPrices,
        basicPrices,
        mantleApiKeySsmParam,
        cleared,
        runtimeEndpoint,
        mantleEndpoint,
        mantleSigningName,
        strict,
        advancedEffort,
        basicEffort,
        keepAlive,
        firstByte,
        idle,
        total,
        sources,
        oidc,
        budgetWebhook,
        kmsKeyArn,
        kmsEndpoint,
        auditExport,
        storage,
        source);
  }

  public DispatchSettings dispatchSettings() {
    DispatchSettings s =
        DispatchSettings.defaults(defaultBackend)
            .withStrict(strict)
            .withTimes(keepAlive, firstByte, idle, total);
    return cleared.map(s::withCleared).orElse(s);
  }
}
