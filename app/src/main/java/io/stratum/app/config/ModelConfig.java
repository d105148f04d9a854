package io.stratum.app.config;

import static io.stratum.app.config.ConfigKeys.CLEARED_MODELS;
import static io.stratum.app.config.ConfigKeys.DEFAULT_BACKEND;
import static io.stratum.app.config.ConfigKeys.FIRST_BYTE_TIMEOUT;
import static io.stratum.app.config.ConfigKeys.IDLE_TIMEOUT;
import static io.stratum.app.config.ConfigKeys.KEEPALIVE;
import static io.stratum.app.config.ConfigKeys.STRICT_PARAMS;
import static io.stratum.app.config.ConfigKeys.TOTAL_TIMEOUT;

import io.stratum.dispatch.DispatchSettings;
import java.net.URI;
import java.util.List;
import java.util.Optional;

/**
 * Stratum's configuration, from {@code terraform.tfvars} (or {@code .tfvars.json}) and {@code
 * STRATUM_*} environment overrides, in one group per concern. Every key is declared in {@link
 * ConfigKeys} and listed in {@code docs/configuration.md}.
 *
 * @param tiers the models of the two tiers, their efforts and prices
 * @param dispatch the default backend, the cleared list, strict mode and the deadlines
 * @param aws the region and the Bedrock endpoints
 * @param retrieval the embedding and rerank models, and the fusion
 * @param sources what {@code stratum ingest} reads when given no source of its own
 * @param oidc the identity provider whose JWTs are accepted besides API tokens, if any
 * @param audit the audit trail's KMS key and SIEM sinks
 * @param storage the database: SQLite in the data directory, or PostgreSQL
 * @param index the corpus index: embedded Lucene in the data directory, or OpenSearch
 * @param alerts where budget alerts go
 * @param limits how many requests one principal, and failed sign-ins one address, may make
 * @param browser which web origins may call the server
 * @param source where the configuration came from, for messages
 */
public record ModelConfig(
    ModelTiers tiers,
    DispatchSettings dispatch,
    AwsSettings aws,
    RetrievalModels retrieval,
    List<SourceSpec> sources,
    Optional<OidcSettings> oidc,
    AuditSettings audit,
    StorageSettings storage,
    IndexSettings index,
    AlertSettings alerts,
    RateLimits limits,
    BrowserSettings browser,
    String source) {

  public static final String LOCAL_MODEL = "stratum-local-extractive";

  public ModelConfig {
    sources = List.copyOf(sources);
  }

  /** The same configuration sent to {@code endpoint} for both surfaces (e.g. the simulator). */
  public ModelConfig withEndpoint(URI endpoint) {
    return new ModelConfig(
        tiers,
        dispatch,
        aws.withEndpoint(endpoint),
        retrieval,
        sources,
        oidc,
        audit,
        storage,
        index,
        alerts,
        limits,
        browser,
        source + " + endpoint " + endpoint);
  }

  /** The same configuration with {@code model} on both tiers. */
  public ModelConfig withModel(String model) {
    return new ModelConfig(
        tiers.withModel(model),
        dispatch,
        aws,
        retrieval,
        sources,
        oidc,
        audit,
        storage,
        index,
        alerts,
        limits,
        browser,
        source);
  }

  /** Reads every group; the order is the order problems are listed in. */
  static ModelConfig read(Values v, String source) {
    DispatchSettings dispatch = dispatch(v);
    ModelTiers tiers = ModelTiers.read(v);
    RetrievalModels retrieval = RetrievalModels.read(v);
    AwsSettings aws = AwsSettings.read(v);
    List<SourceSpec> sources = v.get(ServiceKeys.SOURCES);
    Optional<OidcSettings> oidc = OidcSettings.read(v);
    AlertSettings alerts = AlertSettings.read(v);
    AuditSettings audit = AuditSettings.read(v);
    StorageSettings storage = StorageSettings.read(v);
    IndexSettings index = IndexSettings.read(v);
    RateLimits limits = RateLimits.read(v);
    BrowserSettings browser = BrowserSettings.read(v);
    tiers.checkCleared(dispatch.cleared(), v);
    return new ModelConfig(
        tiers,
        dispatch,
        aws,
        retrieval,
        sources == null ? List.of() : sources,
        oidc,
        audit,
        storage,
        index,
        alerts,
        limits,
        browser,
        source);
  }

  private static DispatchSettings dispatch(Values v) {
    DispatchSettings s =
        DispatchSettings.defaults(v.get(DEFAULT_BACKEND))
            .withStrict(v.get(STRICT_PARAMS))
            .withTimes(
                v.get(KEEPALIVE),
                v.get(FIRST_BYTE_TIMEOUT),
                v.get(IDLE_TIMEOUT),
                v.get(TOTAL_TIMEOUT));
    return Optional.ofNullable(v.get(CLEARED_MODELS)).map(s::withCleared).orElse(s);
  }
}
