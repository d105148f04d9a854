package io.stratum.bench;

import io.stratum.catalog.Backend;
import io.stratum.catalog.ModelCatalog;
import io.stratum.dispatch.ChatMessage;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.DispatchSettings;
import io.stratum.dispatch.Dispatcher;
import io.stratum.dispatch.ModelClient;
import io.stratum.dispatch.Planner;
import io.stratum.providers.bedrock.BedrockTransports;
import io.stratum.simulator.BedrockSimulator;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * What the dispatch layer adds to a model call: the same Responses request to the same local
 * endpoint (the simulator, in-process), once as a direct HTTP POST and once through {@link
 * Dispatcher} (planning, translation, the watchdog thread, parsing into a {@link ChatResult}). Run
 * with {@code -t 1} and {@code -t 16} for concurrency 1 and 16.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(
    value = 1,
    jvmArgsAppend = {"-Dai.djl.offline=true", "-Daws.disableEc2Metadata=true"})
public class DispatchBenchmark {
  static final String MODEL = "openai.gpt-5.5";
  static final String BODY =
      "{\"model\":\"openai.gpt-5.5\",\"input\":[{\"role\":\"user\",\"content\":[{\"type\":\"input_text\",\"text\":\"How often are keys rotated?\"}]}],\"max_output_tokens\":8192,\"reasoning\":{\"effort\":\"none\"},\"stream\":false,\"store\":false}";

  private BedrockSimulator sim;
  private HttpClient http;
  private HttpRequest direct;
  private ModelClient dispatched;
  private ChatRequest request;

  @Setup
  public void setUp() {
    sim = BedrockSimulator.builder().build().start();
    http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    direct =
        HttpRequest.newBuilder(URI.create(sim.openAiBaseUrl() + "/responses"))
            .header("Authorization", "Bearer " + sim.apiKey())
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(BODY))
            .build();
    Dispatcher d =
        new Dispatcher(
            new Planner(ModelCatalog.standard()),
            BedrockTransports.create(
                new BedrockTransports.Connection(
                    sim.region(),
                    sim.endpoint(),
                    sim.endpoint(),
                    sim.apiKey(),
                    null,
                    null,
                    "bedrock-mantle")),
            DispatchSettings.defaults(Backend.RESPONSES));
    dispatched = d.client(MODEL, null);
    request = ChatRequest.of(ChatMessage.user("How often are keys rotated?"));
  }

  @TearDown
  public void tearDown() {
    sim.close();
  }

  @Benchmark
  public String directHttp() throws IOException, InterruptedException {
    HttpResponse<String> r = http.send(direct, HttpResponse.BodyHandlers.ofString());
    if (r.statusCode() != 200) {
      throw new IllegalStateException(r.body());
    }
    return r.body();
  }

  @Benchmark
  public ChatResult throughDispatcher() {
    return dispatched.chat(request);
  }
}
