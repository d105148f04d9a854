package io.stratum.app;

import io.stratum.app.config.AwsSettings;
import io.stratum.app.config.ConfigException;
import io.stratum.app.config.ConfigLoader;
import io.stratum.app.config.ModelConfig;
import io.stratum.app.config.ModelTiers;
import io.stratum.app.config.ProviderChoices;
import io.stratum.app.config.RetrievalModels;
import io.stratum.app.config.StorageSettings;
import io.stratum.budget.BudgetAlert;
import io.stratum.budget.Rates;
import io.stratum.catalog.ModelCatalog;
import io.stratum.catalog.ModelFamily;
import io.stratum.dispatch.DispatchException;
import io.stratum.dispatch.Dispatcher;
import io.stratum.dispatch.ModelClient;
import io.stratum.dispatch.Planner;
import io.stratum.dispatch.ReasoningEffort;
import io.stratum.dispatch.Transport;
import io.stratum.embed.Embedder;
import io.stratum.providers.bedrock.BedrockEmbedder;
import io.stratum.providers.bedrock.BedrockReranker;
import io.stratum.providers.bedrock.BedrockTransports;
import io.stratum.providers.kms.KmsKeyWrapper;
import io.stratum.providers.local.ExtractiveModel;
import io.stratum.providers.local.LocalTransport;
import io.stratum.providers.oidc.OidcAuthenticator;
import io.stratum.providers.onnx.OnnxEmbedder;
import io.stratum.providers.ssm.SsmApiKey;
import io.stratum.rerank.Reranker;
import io.stratum.sync.JobPolicy;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;

/**
 * Assembles Stratum from its configuration: the dispatcher with every backend it may need (the
 * local model always; Bedrock's Converse, Responses and Chat when a tier names a cloud model), and
 * the two tiers: advanced writes answers, basic serves light work.
 */
public final class Engine {
  private static final Logger LOG = LoggerFactory.getLogger(Engine.class);

  private Engine() {}

  /** What the providers accept, for the configuration to check its values against. */
  public static final ProviderChoices PROVIDERS =
      new ProviderChoices(
          Stream.concat(Stream.of(BedrockEmbedder.TITAN_V2), BedrockEmbedder.COHERE_V3.stream())
              .toList(),
          BedrockEmbedder.TITAN_DIMENSIONS,
          List.of(BedrockReranker.COHERE_RERANK_V35),
          OidcAuthenticator::checkTarget);

  /** The configuration in {@code file} (else the embedded defaults) and the environment. */
  public static ModelConfig loadConfig(Optional<Path> file, Map<String, String> env) {
    return ConfigLoader.load(file, env, PROVIDERS);
  }

  /** The tiers, each a client of the one dispatcher. */
  public record Tiers(
      Dispatcher dispatcher,
      ModelClient advanced,
      ReasoningEffort advancedEffort,
      ModelClient basic,
      ReasoningEffort basicEffort) {}

  /**
   * @param env the process environment (API key, AWS credentials for SigV4)
   * @throws ConfigException when a tier's model is not cleared
   */
  public static Tiers tiers(ModelConfig c, Map<String, String> env) {
    return tiers(c, new Bedrock(c, env));
  }

  private static Tiers tiers(ModelConfig c, Bedrock bedrock) {
    List<Transport> transports = new ArrayList<>();
    transports.add(new LocalTransport(new ExtractiveModel()));
    if (!c.tiers().localOnly()) {
      transports.addAll(BedrockTransports.create(bedrock.connection()));
    }
    Dispatcher d = new Dispatcher(new Planner(ModelCatalog.standard()), transports, c.dispatch());
    ModelDiscovery.warnUnvalidated(c.tiers(), ModelCatalog.standard());
    ModelTiers.Tier advanced = c.tiers().advanced();
    ModelTiers.Tier basic = c.tiers().basic();
    try {
      return new Tiers(
          d,
          d.client(advanced.modelId(), null),
          advanced.effort(),
          d.client(basic.modelId(), null),
          basic.effort());
    } catch (DispatchException.AccessDenied e) {
      throw new ConfigException(List.of(e.getMessage()));
    }
  }

  /** The models the configured Mantle endpoint lists (with the configured key or SigV4). */
  public static List<String> mantleModels(ModelConfig c, Map<String, String> env) {
    return BedrockTransports.mantleModels(new Bedrock(c, env).connection());
  }

  /** Stratum on a data directory, answering with the advanced tier. */
  public static Stratum open(Path dataDir, ModelConfig config, Map<String, String> env) {
    return open(dataDir, config, env, false);
  }

  /**
   * As {@link #open(Path, ModelConfig, Map)}; a {@code server} signs the model calls it reserves
   * with its node id, so that its next start bills the ones a crash cut off.
   */
  public static Stratum open(
      Path dataDir, ModelConfig config, Map<String, String> env, boolean server) {
    StorageSettings st = config.storage();
    Storage storage =
        new Storage(
            st.databaseUrl(), st.user(), st.password(), server ? nodeId(dataDir, config) : null);
    Bedrock bedrock = new Bedrock(config, env);
    Tiers t = tiers(config, bedrock);
    RetrievalModels r = config.retrieval();
    Embedder embedder = new OnnxEmbedder();
    Reranker reranker = null;
    if (!r.localEmbedding() || r.rerank()) {
      BedrockRuntimeClient client = BedrockTransports.runtimeClient(bedrock.connection());
      if (!r.localEmbedding()) {
        embedder = BedrockEmbedder.create(client, r.embeddingModelId(), r.embeddingDimensions());
      }
      reranker = r.rerank() ? BedrockReranker.create(client) : null;
    }
    return Stratum.open(
        dataDir,
        new Setup(
            embedder,
            reranker,
            r.fusion(),
            t.advanced(),
            t.advancedEffort(),
            t.basic(),
            prices(config, ModelCatalog.standard()),
            alerts(config),
            config.oidc().map(OidcWiring::oidc).orElse(null),
            config.oidc().flatMap(OidcWiring::sso).orElse(null),
            config.audit().kmsKeyArn() == null
                ? null
                : KmsKeyWrapper.create(
                    config.audit().kmsKeyArn(),
                    config.aws().region(),
                    config.audit().kmsEndpoint(),
                    null),
            storage,
            config.limits(),
            IndexOpener.of(config.index(), config.aws().region()),
            new SyncSetup(
                config.sources().stream().map(SourceConnectors::schedule).toList(),
                nodeId(dataDir, config),
                JobPolicy.STANDARD.withLease(config.storage().jobLease())),
            t.dispatcher()));
  }

  /** This node's name on the jobs it runs and the calls it reserves: configured, or the default. */
  static String nodeId(Path dataDir, ModelConfig config) {
    String configured = config.storage().nodeId();
    return configured != null ? configured : defaultNodeId(dataDir);
  }

  /** This host and data directory: what a restarted server has in common with its last run. */
  static String defaultNodeId(Path dataDir) {
    String host;
    try {
      host = InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      host = "localhost";
    }
    String dir = dataDir.toAbsolutePath().normalize().toString();
    return "serve@" + host + ":" + Integer.toHexString(dir.hashCode() & 0x7fffffff);
  }

  /** Budget alerts go to the log, and to the webhook when one is configured. */
  static Consumer<BudgetAlert> alerts(ModelConfig c) {
    if (c.alerts().budgetWebhook() == null) {
      return Setup::logAlert;
    }
    AlertWebhook hook = new AlertWebhook(c.alerts().budgetWebhook(), Duration.ofSeconds(2));
    return a -> {
      Setup.logAlert(a);
      hook.accept(a);
    };
  }

  /**
   * A model's rates: the tfvars prices for the tier's model when set, else the catalog's list
   * price; the in-process model is free.
   */
  static Function<String, Rates> prices(ModelConfig c, ModelCatalog catalog) {
    // the local model costs nothing unless a price is configured for its tier (a chargeback rate)
    return model -> {
      ModelTiers.Tier advanced = c.tiers().advanced();
      ModelTiers.Tier basic = c.tiers().basic();
      ModelTiers.Prices configured =
          model.equals(advanced.modelId())
              ? advanced.prices()
              : model.equals(basic.modelId()) ? basic.prices() : null;
      ModelFamily.Prices list =
          catalog.resolve(model).map(ModelFamily::prices).orElse(new ModelFamily.Prices(0, 0));
      return Rates.of(
          configured != null && configured.input() >= 0 ? configured.input() : list.input(),
          configured != null && configured.output() >= 0 ? configured.output() : list.output());
    };
  }

  /**
   * How Bedrock is reached, worked out once and only when something needs it: the API key is read
   * from SSM ({@code mantle_api_key_ssm_param}) at most once per start, and again only when Bedrock
   * refuses it.
   */
  private static final class Bedrock {
    private final ModelConfig c;
    private final Map<String, String> env;
    private BedrockTransports.Connection connection;

    Bedrock(ModelConfig c, Map<String, String> env) {
      this.c = c;
      this.env = env;
    }

    BedrockTransports.Connection connection() {
      if (connection == null) {
        connection = connect();
      }
      return connection;
    }

    private BedrockTransports.Connection connect() {
      AwsSettings aws = c.aws();
      if (aws.mantleApiKeySsmParam() == null) {
        return new BedrockTransports.Connection(
            aws.region(),
            aws.runtimeEndpoint(),
            aws.mantleEndpoint(),
            env.get("AWS_BEARER_TOKEN_BEDROCK"),
            null,
            null,
            aws.mantleSigningName());
      }
      if (env.get("AWS_BEARER_TOKEN_BEDROCK") != null) {
        LOG.warn(
            "AWS_BEARER_TOKEN_BEDROCK is ignored: the Bedrock API key is read from SSM parameter {}"
                + " (mantle_api_key_ssm_param)",
            aws.mantleApiKeySsmParam());
      }
      try {
        return new BedrockTransports.Connection(
            aws.region(),
            aws.runtimeEndpoint(),
            aws.mantleEndpoint(),
            SsmApiKey.read(
                aws.mantleApiKeySsmParam(), aws.region(), aws.ssmEndpoint(), credentials(env)),
            aws.mantleSigningName());
      } catch (IllegalStateException e) {
        throw new ConfigException(List.of(e.getMessage()));
      }
    }
  }

  /** Static keys from the given environment when it has them, else the default chain (null). */
  private static AwsCredentialsProvider credentials(Map<String, String> env) {
    String id = env.get("AWS_ACCESS_KEY_ID");
    String secret = env.get("AWS_SECRET_ACCESS_KEY");
    if (id == null || secret == null) {
      return null;
    }
    String token = env.get("AWS_SESSION_TOKEN");
    return StaticCredentialsProvider.create(
        token == null
            ? AwsBasicCredentials.create(id, secret)
            : AwsSessionCredentials.create(id, secret, token));
  }
}
