package io.stratum.app.cli;

import io.stratum.app.http.PortInUseException;
import io.stratum.simulator.BedrockSimulator;
import io.stratum.simulator.SimModel;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.BindException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stratum sim}: the wire-faithful Bedrock simulator, for scripts and SDKs to point at. */
@Command(
    name = "sim",
    description = {
      "Run a local Amazon Bedrock simulator that speaks the real wire, for tests and laptops.",
      "Serves Converse and ConverseStream (binary event stream) and the OpenAI-compatible Responses"
          + " and Chat Completions surfaces; checks SigV4 signatures and Bedrock API keys; injects"
          + " faults on request."
    })
public final class SimCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--port",
      defaultValue = "4010",
      paramLabel = "N",
      description = "HTTP port (default ${DEFAULT-VALUE}; 0 picks a free one).")
  int port;

  @Option(
      names = "--host",
      defaultValue = "127.0.0.1",
      paramLabel = "ADDR",
      description = "Address to listen on (default ${DEFAULT-VALUE}, this machine only).")
  String host;

  @Option(
      names = "--access-key-id",
      paramLabel = "KEY_ID",
      defaultValue = "AKIDSTRATUMSIM",
      description = "SigV4 access key id.")
  String accessKeyId;

  @Option(
      names = "--secret-key",
      paramLabel = "SECRET",
      defaultValue = "stratum-sim-secret",
      description = "SigV4 secret key.")
  String secretKey;

  @Option(
      names = "--region",
      paramLabel = "REGION",
      defaultValue = "us-east-1",
      description = "Region signatures must name.")
  String region;

  @Option(
      names = "--api-key",
      paramLabel = "KEY",
      defaultValue = "stratum-sim-key",
      description = "Bedrock API key (bearer).")
  String apiKey;

  @Option(
      names = "--runtime-signing-name",
      paramLabel = "NAME",
      defaultValue = "bedrock",
      description = "SigV4 signing name for bedrock-runtime paths.")
  String runtimeSigningName;

  @Option(
      names = "--mantle-signing-name",
      paramLabel = "NAME",
      defaultValue = "bedrock-mantle",
      description = "SigV4 signing name for bedrock-mantle paths.")
  String mantleSigningName;

  @Option(
      names = "--reasoning-silence-ms",
      paramLabel = "MS",
      defaultValue = "0",
      description =
          "How long GPT-5 models stay silent while they reason (default ${DEFAULT-VALUE}).")
  long silenceMs;

  @Option(
      names = "--kinesis-stream",
      paramLabel = "STREAM",
      defaultValue = "stratum-audit",
      split = ",",
      description = "Kinesis data streams that exist (default ${DEFAULT-VALUE}).")
  List<String> kinesisStreams;

  @Override
  public Integer call() {
    BedrockSimulator sim =
        BedrockSimulator.builder()
            .host(host)
            .port(port)
            .credentials(accessKeyId, secretKey)
            .region(region)
            .apiKey(apiKey)
            .signingNames(runtimeSigningName, mantleSigningName)
            .reasoningSilence(Duration.ofMillis(silenceMs))
            .build();
    try {
      sim.start();
      kinesisStreams.forEach(sim::createStream);
    } catch (UncheckedIOException e) {
      if (e.getCause() instanceof BindException) {
        throw new PortInUseException(port);
      }
      throw e;
    }
    print(sim, spec.commandLine().getOut());
    Serving.untilInterrupted("stratum-sim", sim);
    return 0;
  }

  private static void print(BedrockSimulator sim, PrintWriter out) {
    out.println("Bedrock simulator listening on " + sim.endpoint());
    out.println();
    out.println("Endpoints");
    out.println("  bedrock-runtime Converse   " + sim.endpoint() + "   (AWS SDK endpointOverride)");
    out.println(
        "  OpenAI-compatible          " + sim.openAiBaseUrl() + "   (GPT-5.x and the others)");
    out.println("  bedrock-mantle             " + sim.mantleBaseUrl() + "   (not GPT-5.x)");
    out.println();
    out.println("Credentials");
    out.println("  export AWS_ACCESS_KEY_ID=" + sim.accessKeyId());
    out.println("  export AWS_SECRET_ACCESS_KEY=" + sim.secretKey());
    out.println("  export AWS_REGION=" + sim.region());
    out.println(
        "  export AWS_BEARER_TOKEN_BEDROCK=" + sim.apiKey() + "   # also the OpenAI api key");
    out.println();
    out.println("Models");
    for (SimModel m : sim.catalog().models()) {
      out.printf("  %-45s %s%n", m.id(), m.surfaces().stream().map(Enum::name).sorted().toList());
    }
    out.println();
    out.println(
        "Faults: header "
            + BedrockSimulator.FAULT_HEADER
            + ": throttle | server-error | unavailable");
    out.println("  | not-enabled | slow-first-byte=MS | silence=MS | cut-after=N | bad-crc-at=N");
    out.println(
        "  | stream-error=TYPE; or POST /_sim/faults {\"fault\": \"throttle\", \"times\": 2}.");
    out.println("Requests received: GET /_sim/requests. Ctrl-C stops.");
    out.flush();
  }
}
