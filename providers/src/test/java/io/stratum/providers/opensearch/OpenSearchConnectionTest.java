package io.stratum.providers.opensearch;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import io.stratum.index.IndexUnavailableException;
import io.stratum.testing.TermEmbedder;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.SdkHttpConfigurationOption;
import software.amazon.awssdk.http.nio.netty.NettyNioAsyncHttpClient;
import software.amazon.awssdk.utils.AttributeMap;

/**
 * How the OpenSearch index signs in, against a stub cluster on loopback that answers the two calls
 * opening an index makes and records each request's headers.
 */
class OpenSearchConnectionTest {
  @TempDir Path dir;
  private final TermEmbedder embedder = new TermEmbedder();
  private final List<Map<String, List<String>>> requests = new CopyOnWriteArrayList<>();
  private HttpServer server;

  /** The mapping of an index built by the test embedder, and an empty count. */
  private void answer(HttpExchange ex, boolean challenge) throws IOException {
    try (InputStream in = ex.getRequestBody()) {
      in.readAllBytes();
    }
    requests.add(Map.copyOf(ex.getRequestHeaders()));
    if (challenge && ex.getRequestHeaders().getFirst("Authorization") == null) {
      ex.getResponseHeaders().add("WWW-Authenticate", "Basic realm=\"OpenSearch Security\"");
      send(ex, 401, "{\"error\":\"Unauthorized\",\"status\":401}");
      return;
    }
    String path = ex.getRequestURI().getPath();
    send(
        ex,
        200,
        path.endsWith("/_mapping")
            ? """
              {"stratum-chunks-1":{"mappings":{"_meta":{"stratum":{
                "embedding_model":"term-hash-64","embedding_dimension":"64"}}}}}"""
            : "{\"count\":0}");
  }

  private static void send(HttpExchange ex, int status, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    ex.getResponseHeaders().add("Content-Type", "application/json");
    ex.sendResponseHeaders(status, bytes.length);
    ex.getResponseBody().write(bytes);
    ex.close();
  }

  private URI start(HttpServer s, boolean challenge) {
    server = s;
    s.createContext("/", ex -> answer(ex, challenge));
    s.start();
    String scheme = s instanceof HttpsServer ? "https" : "http";
    return URI.create(scheme + "://127.0.0.1:" + s.getAddress().getPort());
  }

  private static InetSocketAddress loopback() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.stop(0);
    }
  }

  @Test
  void basic_auth_answers_the_clusters_challenge_with_the_user_and_password() throws Exception {
    URI url = start(HttpServer.create(loopback(), 0), true);

    try (OpenSearchIndex index =
        OpenSearchIndex.open(
            new OpenSearchConnection(url, new OpenSearchConnection.Basic("stratum", "s3cret")),
            "stratum",
            embedder)) {
      assertThat(index.size()).isZero();
    }

    assertThat(requests)
        .filteredOn(h -> h.containsKey("Authorization"))
        .extracting(h -> h.get("Authorization").get(0))
        .isNotEmpty()
        .allMatch(a -> a.equals("Basic c3RyYXR1bTpzM2NyZXQ=")); // stratum:s3cret
  }

  @Test
  void sigv4_signs_every_request_for_es_in_the_configured_region() throws Exception {
    URI url = start(https(), false);
    NettyNioAsyncHttpClient.Builder netty = NettyNioAsyncHttpClient.builder();
    // The stub's certificate is self-signed.
    try (var http =
        netty.buildWithDefaults(
            AttributeMap.builder()
                .put(SdkHttpConfigurationOption.TRUST_ALL_CERTIFICATES, true)
                .build())) {
      OpenSearchConnection.SigV4 sigV4 =
          new OpenSearchConnection.SigV4(
              "eu-west-1",
              StaticCredentialsProvider.create(
                  AwsBasicCredentials.create("AKIDEXAMPLE", "secret-example")),
              http);
      try (OpenSearchIndex index =
          OpenSearchIndex.open(new OpenSearchConnection(url, sigV4), "stratum", embedder)) {
        assertThat(index.size()).isZero();
      }
    }

    assertThat(requests)
        .hasSize(2)
        .allSatisfy(
            h -> {
              assertThat(h.get("Authorization").get(0))
                  .matches(
                      "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/\\d{8}/eu-west-1/es/aws4_request,"
                          + " SignedHeaders=[a-z0-9;-]*host[a-z0-9;-]*, Signature=[0-9a-f]{64}");
              assertThat(h).containsKey("X-amz-date");
            });
  }

  @Test
  void an_unreachable_cluster_is_one_line_naming_it() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      port = s.getLocalPort();
    }
    URI url = URI.create("http://127.0.0.1:" + port);

    assertThatThrownBy(() -> openWithoutAuth(url))
        .isInstanceOf(IndexUnavailableException.class)
        .hasMessageStartingWith("cannot reach OpenSearch at http://127.0.0.1:" + port + ": ")
        .hasMessageContaining("Connection refused")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void a_refused_request_names_the_cluster_the_request_and_the_reason() throws Exception {
    URI url = start(HttpServer.create(loopback(), 0), true);

    assertThatThrownBy(() -> openWithoutAuth(url))
        .isInstanceOf(IndexUnavailableException.class)
        .hasMessage(
            "OpenSearch at %s refused GET /stratum-chunks/_mapping: 401 Unauthorized"
                .formatted(url));
  }

  @Test
  void a_url_that_is_not_http_is_refused_naming_it() {
    assertThatThrownBy(
            () ->
                new OpenSearchConnection(
                    URI.create("search.internal:9200"), new OpenSearchConnection.None()))
        .hasMessage("expected an http(s) URL, got 'search.internal:9200'");
  }

  private OpenSearchIndex openWithoutAuth(URI url) {
    return OpenSearchIndex.open(
        new OpenSearchConnection(url, new OpenSearchConnection.None()), "stratum", embedder);
  }

  /** An HTTPS server with a self-signed certificate made by the JDK's keytool. */
  private HttpsServer https() throws Exception {
    Path store = dir.resolve("stub.p12");
    Path keytool =
        Path.of(ProcessHandle.current().info().command().orElseThrow()).resolveSibling("keytool");
    Process p =
        new ProcessBuilder(
                keytool.toString(),
                "-genkeypair",
                "-alias",
                "stub",
                "-keyalg",
                "EC",
                "-dname",
                "CN=127.0.0.1",
                "-validity",
                "1",
                "-storetype",
                "PKCS12",
                "-keystore",
                store.toString(),
                "-storepass",
                "changeit")
            .redirectErrorStream(true)
            .start();
    String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(p.waitFor()).as(out).isZero();
    KeyStore ks = KeyStore.getInstance("PKCS12");
    try (InputStream in = java.nio.file.Files.newInputStream(store)) {
      ks.load(in, "changeit".toCharArray());
    }
    KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
    kmf.init(ks, "changeit".toCharArray());
    SSLContext tls = SSLContext.getInstance("TLS");
    tls.init(kmf.getKeyManagers(), null, null);
    HttpsServer s = HttpsServer.create(loopback(), 0);
    s.setHttpsConfigurator(new HttpsConfigurator(tls));
    return s;
  }
}
