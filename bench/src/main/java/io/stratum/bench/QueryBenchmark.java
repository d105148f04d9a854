package io.stratum.bench;

import io.stratum.access.Principal;
import io.stratum.app.http.HttpApi;
import io.stratum.providers.onnx.OnnxEmbedder;
import io.stratum.retrieval.Retrieval;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Latency of one question over the sample corpus with the embedded defaults: hybrid retrieval alone
 * (query embedding + BM25 + kNN + fusion), the whole answer in process (retrieval, relevance gate,
 * local model, citation checks, bill, conversation and audit record committed to SQLite), and the
 * same over HTTP with server-sent events read to the end. Questions rotate so no layer can cache an
 * answer.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Dai.djl.offline=true",
      "-Daws.disableEc2Metadata=true",
      "--add-modules=jdk.incubator.vector",
      "--enable-native-access=ALL-UNNAMED"
    })
public class QueryBenchmark {
  static final List<String> QUESTIONS =
      List.of(
          "How often are customer master keys rotated?",
          "How long do access tokens live?",
          "What data classification levels do we use?",
          "Who is paged first in a security incident?",
          "What should I do if a cloud access key is leaked?");

  private Fixture fixture;
  private HttpApi api;
  private HttpClient http;
  private int next;
  private String token;

  @Setup
  public void setUp() {
    fixture = new Fixture(new OnnxEmbedder());
    api = HttpApi.start(fixture.stratum, "127.0.0.1", 0);
    token = fixture.stratum.firstRun().orgAdmin(null).orElseThrow().token();
    http = HttpClient.newHttpClient();
  }

  @TearDown
  public void tearDown() {
    api.close();
    fixture.close();
  }

  private String question() {
    next = (next + 1) % QUESTIONS.size();
    return QUESTIONS.get(next);
  }

  @Benchmark
  public Retrieval retrieve() {
    return fixture
        .stratum
        .search()
        .search(Principal.LOCAL_OPERATOR, List.of("security"), question(), 6, List.of());
  }

  @Benchmark
  public Object askInProcess() {
    return fixture
        .stratum
        .answering()
        .ask(Principal.LOCAL_OPERATOR, "security", question(), e -> {});
  }

  @Benchmark
  public String askOverHttp() throws IOException, InterruptedException {
    String body = "{\"question\":\"" + question() + "\"}";
    HttpResponse<String> r =
        http.send(
            HttpRequest.newBuilder(
                    URI.create("http://127.0.0.1:" + api.port() + "/api/workspaces/security/ask"))
                .header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString(body))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200 || !r.body().contains("event: done")) {
      throw new IllegalStateException("bad answer: " + r.statusCode() + " " + r.body());
    }
    return r.body();
  }
}
