package io.stratum.providers.bedrock;

import io.stratum.catalog.Backend;
import io.stratum.dispatch.Transport;
import io.stratum.providers.openai.MantleModels;
import io.stratum.providers.openai.OpenAiAuth;
import io.stratum.providers.openai.OpenAiTransport;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Duration;
import java.util.List;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsSessionCredentials;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.auth.token.credentials.SdkTokenProvider;
import software.amazon.awssdk.http.Protocol;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeAsyncClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeBaseClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClient;
import software.amazon.awssdk.services.bedrockruntime.BedrockRuntimeClientBuilder;
import software.amazon.awssdk.services.bedrockruntime.auth.scheme.BedrockRuntimeAuthSchemeProvider;

/**
 * Builds the Bedrock transports (Converse, Responses, Chat) for one account and region. With an API
 * key, every surface uses it as a bearer token; without one, requests are signed with SigV4 from
 * the given keys or the default AWS credential chain.
 *
 * <pre>{@code
 * List<Transport> t = BedrockTransports.create(new BedrockTransports.Connection(
 *     "us-east-1", null, null, System.getenv("AWS_BEARER_TOKEN_BEDROCK"), null, null, "bedrock-mantle"));
 * }</pre>
 */
public final class BedrockTransports {
  /** Sockets wait this long; the dispatcher's own deadlines end a call sooner. */
  static final Duration SOCKET_TIMEOUT = Duration.ofMinutes(15);

  private BedrockTransports() {}

  /**
   * @param runtimeEndpoint overrides {@code https://bedrock-runtime.<region>.amazonaws.com}, or
   *     null
   * @param mantleEndpoint overrides {@code https://bedrock-mantle.<region>.api.aws}, or null
   * @param apiKey a Bedrock API key (bearer), or null for SigV4
   * @param accessKeyId static SigV4 keys, or null for the default chain
   * @param mantleSigningName SigV4 signing name for the OpenAI-compatible surfaces
   * @param sessionToken the session token that goes with static temporary keys, or null
   * @param keySource where the API key is read from when it may rotate (SSM), or null: then {@code
   *     apiKey}, fixed
   */
  public record Connection(
      String region,
      URI runtimeEndpoint,
      URI mantleEndpoint,
      String apiKey,
      String accessKeyId,
      String secretKey,
      String mantleSigningName,
      String sessionToken,
      ApiKey keySource) {

    /** Static keys, temporary or not, or a fixed API key. */
    public Connection(
        String region,
        URI runtimeEndpoint,
        URI mantleEndpoint,
        String apiKey,
        String accessKeyId,
        String secretKey,
        String mantleSigningName,
        String sessionToken) {
      this(
          region,
          runtimeEndpoint,
          mantleEndpoint,
          apiKey,
          accessKeyId,
          secretKey,
          mantleSigningName,
          sessionToken,
          null);
    }

    /** An API key read from where it lives, re-read when Bedrock refuses it. */
    public Connection(
        String region, URI runtimeEndpoint, URI mantleEndpoint, ApiKey key, String signingName) {
      this(region, runtimeEndpoint, mantleEndpoint, null, null, null, signingName, null, key);
    }

    /** Long-term static keys, or the default chain (which reads session tokens itself). */
    public Connection(
        String region,
        URI runtimeEndpoint,
        URI mantleEndpoint,
        String apiKey,
        String accessKeyId,
        String secretKey,
        String mantleSigningName) {
      this(
          region,
          runtimeEndpoint,
          mantleEndpoint,
          apiKey,
          accessKeyId,
          secretKey,
          mantleSigningName,
          null);
    }

    public URI mantleBase() {
      return mantleEndpoint != null
          ? mantleEndpoint
          : URI.create("https://bedrock-mantle." + region + ".api.aws");
    }

    AwsCredentialsProvider credentials() {
      if (accessKeyId == null) {
        return DefaultCredentialsProvider.builder().build();
      }
      return StaticCredentialsProvider.create(
          sessionToken == null
              ? AwsBasicCredentials.create(accessKeyId, secretKey)
              : AwsSessionCredentials.create(accessKeyId, secretKey, sessionToken));
    }

    /** The API key to send as a bearer token, or null for SigV4. */
    ApiKey key() {
      if (keySource != null) {
        return keySource;
      }
      return apiKey != null && !apiKey.isBlank() ? ApiKey.fixed(apiKey) : null;
    }
  }

  /**
   * The synchronous bedrock-runtime client: Converse, and InvokeModel for embeddings and rerank.
   * One attempt per call; the callers own retries.
   */
  public static BedrockRuntimeClient runtimeClient(Connection c) {
    BedrockRuntimeClientBuilder sync =
        BedrockRuntimeClient.builder()
            .region(Region.of(c.region()))
            .httpClientBuilder(ApacheHttpClient.builder().socketTimeout(SOCKET_TIMEOUT))
            .overrideConfiguration(o -> o.retryStrategy(s -> s.maxAttempts(1)));
    if (c.runtimeEndpoint() != null) {
      sync.endpointOverride(c.runtimeEndpoint());
    }
    if (c.key() != null) {
      bearer(sync, c.key());
    } else {
      sync.credentialsProvider(c.credentials());
    }
    return sync.build();
  }

  public static List<Transport> create(Connection c) {
    NettyNioAsyncHttpClient.Builder netty =
        NettyNioAsyncHttpClient.builder().readTimeout(SOCKET_TIMEOUT);
    if (c.runtimeEndpoint() != null && "http".equals(c.runtimeEndpoint().getScheme())) {
      netty.protocol(Protocol.HTTP1_1); // h2 needs TLS; a local endpoint speaks plain HTTP/1.1
    }
    BedrockRuntimeAsyncClientBuilder async =
        BedrockRuntimeAsyncClient.builder()
            .region(Region.of(c.region()))
            .httpClientBuilder(netty)
            .overrideConfiguration(o -> o.retryStrategy(s -> s.maxAttempts(1)));
    if (c.runtimeEndpoint() != null) {
      async.endpointOverride(c.runtimeEndpoint());
    }
    ApiKey key = c.key();
    if (key != null) {
      bearer(async, key);
    } else {
      async.credentialsProvider(c.credentials());
    }
    OpenAiAuth auth = openAiAuth(c);
    HttpClient http = http();
    List<Transport> transports =
        List.of(
            new ConverseTransport(runtimeClient(c), async.build()),
            new OpenAiTransport(Backend.RESPONSES, c.mantleBase(), auth, http),
            new OpenAiTransport(Backend.CHAT, c.mantleBase(), auth, http));
    return key == null
        ? transports
        : transports.stream().<Transport>map(t -> new RenewingKeyTransport(t, key)).toList();
  }

  /** The models the Mantle endpoint lists, for discovery ({@code stratum models refresh}). */
  public static List<String> mantleModels(Connection c) {
    return MantleModels.list(c.mantleBase(), openAiAuth(c), http());
  }

  private static OpenAiAuth openAiAuth(Connection c) {
    ApiKey key = c.key();
    return key != null
        ? new OpenAiAuth.Bearer(key::current)
        : new OpenAiAuth.SigV4(c.credentials(), c.region(), c.mantleSigningName());
  }

  private static HttpClient http() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(10))
        .build();
  }

  /** The key as a bearer token, read on every request (a static provider would pin one value). */
  private static <B extends BedrockRuntimeBaseClientBuilder<B, ?>> void bearer(
      B builder, ApiKey key) {
    SdkTokenProvider current =
        () -> {
          String k = key.current();
          return () -> k;
        };
    builder
        .tokenProvider(current)
        .authSchemeProvider(
            BedrockRuntimeAuthSchemeProvider.defaultProvider(List.of("httpBearerAuth")));
  }
}
