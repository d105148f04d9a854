package io.stratum.providers.opensearch;

import java.net.URI;
import java.time.Duration;
import java.util.Objects;
import org.apache.hc.client5.http.auth.AuthScope;
import org.apache.hc.client5.http.auth.UsernamePasswordCredentials;
import org.apache.hc.client5.http.impl.auth.BasicCredentialsProvider;
import org.apache.hc.core5.http.HttpHost;
import org.apache.hc.core5.util.Timeout;
import org.opensearch.client.json.jackson.JacksonJsonpMapper;
import org.opensearch.client.transport.OpenSearchTransport;
import org.opensearch.client.transport.aws.AwsSdk2Transport;
import org.opensearch.client.transport.aws.AwsSdk2TransportOptions;
import org.opensearch.client.transport.httpclient5.ApacheHttpClient5TransportBuilder;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.http.async.SdkAsyncHttpClient;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.regions.Region;

/**
 * Where an OpenSearch cluster is and how to sign in to it: no authentication, HTTP basic (a user
 * and password from the environment), or AWS SigV4 for Amazon OpenSearch Service (signing name
 * {@code es}, the SDK's {@code AwsV4HttpSigner}).
 *
 * @param url {@code http(s)://HOST[:PORT][/PATH]}
 */
public record OpenSearchConnection(URI url, Auth auth) {
  /** How long a request may wait for its response; bulk writes and deletes can be slow. */
  static final Duration RESPONSE_TIMEOUT = Duration.ofSeconds(60);

  static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);

  public OpenSearchConnection {
    Objects.requireNonNull(url, "url");
    Objects.requireNonNull(auth, "auth");
    if (url.getScheme() == null || !url.getScheme().matches("https?") || url.getHost() == null) {
      throw new IllegalArgumentException("expected an http(s) URL, got '" + url + "'");
    }
  }

  /** How requests are authenticated. */
  public sealed interface Auth {}

  /** No authentication (a cluster on a private network, or the test node). */
  public record None() implements Auth {}

  /** HTTP basic authentication; the password never appears in {@link #toString}. */
  public record Basic(String user, String password) implements Auth {
    @Override
    public String toString() {
      return "Basic[user=" + user + "]";
    }
  }

  /**
   * AWS SigV4 for Amazon OpenSearch Service (signing name {@code es}).
   *
   * @param http the SDK HTTP client, or null for a Netty client made here
   */
  public record SigV4(String region, AwsCredentialsProvider credentials, SdkAsyncHttpClient http)
      implements Auth {
    /** Signed for {@code region} with the default AWS credential chain, over Netty. */
    public static SigV4 defaultChain(String region) {
      return new SigV4(region, DefaultCredentialsProvider.builder().build(), null);
    }
  }

  /**
   * The client transport for this connection, and the HTTP client made for it that closing the
   * transport leaves open (the SDK's, for SigV4), or null.
   */
  record Wire(OpenSearchTransport transport, AutoCloseable http) {}

  Wire open() {
    return switch (auth) {
      case SigV4 s -> sigV4(s);
      case None n -> new Wire(apache(null), null);
      case Basic b -> new Wire(apache(b), null);
    };
  }

  private OpenSearchTransport apache(Basic basic) {
    HttpHost host = new HttpHost(url.getScheme(), url.getHost(), port());
    ApacheHttpClient5TransportBuilder b =
        ApacheHttpClient5TransportBuilder.builder(host)
            .setMapper(new JacksonJsonpMapper())
            .setRequestConfigCallback(
                r ->
                    r.setConnectionRequestTimeout(Timeout.of(CONNECT_TIMEOUT))
                        .setResponseTimeout(Timeout.of(RESPONSE_TIMEOUT)));
    if (url.getRawPath() != null && !url.getRawPath().isEmpty() && !url.getRawPath().equals("/")) {
      b.setPathPrefix(url.getRawPath());
    }
    if (basic != null) {
      BasicCredentialsProvider credentials = new BasicCredentialsProvider();
      credentials.setCredentials(
          new AuthScope(host),
          new UsernamePasswordCredentials(basic.user(), basic.password().toCharArray()));
      b.setHttpClientConfigCallback(c -> c.setDefaultCredentialsProvider(credentials));
    }
    return b.build();
  }

  private Wire sigV4(SigV4 s) {
    SdkAsyncHttpClient made =
        s.http() != null
            ? null
            : NettyNioAsyncHttpClient.builder()
                .connectionTimeout(CONNECT_TIMEOUT)
                .readTimeout(RESPONSE_TIMEOUT)
                .build();
    SdkAsyncHttpClient http = made != null ? made : s.http();
    String host = url.getHost() + (url.getPort() > 0 ? ":" + url.getPort() : "");
    return new Wire(
        new AwsSdk2Transport(
            http,
            host,
            "es",
            Region.of(s.region()),
            AwsSdk2TransportOptions.builder()
                .setCredentials(s.credentials())
                .setMapper(new JacksonJsonpMapper())
                .build()),
        made);
  }

  private int port() {
    if (url.getPort() > 0) {
      return url.getPort();
    }
    return url.getScheme().equals("https") ? 443 : 80;
  }

  /** The URL without any credentials, for messages. */
  @Override
  public String toString() {
    return url.getScheme()
        + "://"
        + url.getHost()
        + (url.getPort() > 0 ? ":" + url.getPort() : "")
        + (url.getRawPath() == null ? "" : url.getRawPath());
  }
}
