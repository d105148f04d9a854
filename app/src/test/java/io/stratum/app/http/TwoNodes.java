package io.stratum.app.http;

import io.stratum.app.Engine;
import io.stratum.app.Stratum;
import io.stratum.app.TestEngines;
import io.stratum.app.crash.Children;
import io.stratum.index.TestOpenSearch;
import io.stratum.simulator.BedrockSimulator;
import io.stratum.store.TestDatabases;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntSupplier;

/**
 * Two {@code stratum serve} processes over one PostgreSQL database and one OpenSearch index, the
 * real servers {@code .ci/run} starts on loopback, configured as two tasks of one deployment: the
 * same file, their own data directories and node ids, one KMS key (the simulator's) wrapping the
 * keys that seal conversations and sessions. A third node, in this JVM, is there to set things up
 * through the Java API. Requests go to the servers in turn, as from a round-robin load balancer.
 * Skipped (saying how to start them) without PostgreSQL or OpenSearch.
 */
final class TwoNodes implements AutoCloseable {
  static final List<String> NAMES = List.of("node-a", "node-b");

  /** A job held by a killed server goes back to the queue this long after its last renewal. */
  static final int LEASE_SECONDS = 6;

  final BedrockSimulator sim;
  final Path config;
  final Stratum setup;
  private final Path dir;
  private final URI openSearch;
  private final String prefix;
  private final Children children;
  private final Process[] servers = new Process[NAMES.size()];
  private final int[] ports = new int[NAMES.size()];
  private final String[] logs = new String[NAMES.size()];
  private final AtomicInteger turn = new AtomicInteger();
  private int starts;

  private TwoNodes(Path dir, String tfvars, Map<String, String> env) throws Exception {
    this.dir = dir;
    this.openSearch = TestOpenSearch.url();
    TestDatabases.assumePostgres();
    this.prefix = TestOpenSearch.freshPrefix();
    this.sim = BedrockSimulator.builder().build().start();
    this.config =
        Files.writeString(
            dir.resolve("nodes.tfvars"),
            """
            stratum_index_url         = "%s"
            stratum_index_prefix      = "%s"
            kms_key_arn               = "arn:aws:kms:us-east-1:111122223333:key/%s"
            kms_endpoint_url          = "%s"
            stratum_job_lease_seconds = %d
            """
                    .formatted(openSearch, prefix, UUID.randomUUID(), sim.endpoint(), LEASE_SECONDS)
                + TestEngines.tfvars(TestDatabases.Engine.POSTGRESQL)
                + tfvars.replace("SIM_ENDPOINT", sim.endpoint().toString()));
    Map<String, String> all = new HashMap<>(TestEngines.env(TestDatabases.Engine.POSTGRESQL));
    all.put("AWS_ACCESS_KEY_ID", sim.accessKeyId());
    all.put("AWS_SECRET_ACCESS_KEY", sim.secretKey());
    all.put("AWS_BEARER_TOKEN_BEDROCK", sim.apiKey());
    all.putAll(env);
    // The node in this JVM signs its KMS calls with the same credentials as the servers.
    System.setProperty("aws.accessKeyId", sim.accessKeyId());
    System.setProperty("aws.secretAccessKey", sim.secretKey());
    this.setup =
        Engine.open(dir.resolve("setup-node"), Engine.loadConfig(Optional.of(config), all), all);
    this.children = new Children(dir.resolve("logs"), all);
  }

  /**
   * The servers' shared state and the setup node; {@code tfvars} is added to the nodes' file
   * ({@code SIM_ENDPOINT} in it becomes the simulator's address), {@code env} to their environment.
   * The servers start with {@link #serve()}, once the setup node has done its part.
   */
  static TwoNodes open(Path dir, String tfvars, Map<String, String> env) throws Exception {
    return new TwoNodes(dir, tfvars, env);
  }

  /** Starts both servers side by side and waits until each serves. */
  TwoNodes serve() throws Exception {
    for (int n = 0; n < servers.length; n++) {
      spawn(n);
    }
    for (int n = 0; n < servers.length; n++) {
      awaitPort(n);
    }
    return this;
  }

  /** Server {@code node}'s port. */
  int port(int node) {
    return ports[node];
  }

  /** The index of the server named {@code name} ({@code node-a} or {@code node-b}). */
  static int index(String name) {
    int n = NAMES.indexOf(name);
    if (n < 0) {
      throw new IllegalArgumentException("no node named '" + name + "'; the nodes: " + NAMES);
    }
    return n;
  }

  /** The next server's port, in turn: what a round-robin balancer does. */
  IntSupplier roundRobin() {
    return () -> ports[Math.floorMod(turn.getAndIncrement(), ports.length)];
  }

  /** A client whose requests go to both servers in turn. */
  SseClient client(String token) {
    return new SseClient(roundRobin(), token);
  }

  /** A client of server {@code node} alone. */
  SseClient on(int node, String token) {
    return new SseClient(ports[node], token);
  }

  /** SIGKILL to server {@code node}: no shutdown hook runs, its job keeps its lease. */
  void kill(int node) throws InterruptedException {
    Children.kill(servers[node]);
  }

  /** Starts server {@code node} again on its data directory, as a replaced task. */
  void restart(int node) throws Exception {
    spawn(node);
    awaitPort(node);
  }

  /** What server {@code node} has written to its standard error so far. */
  String log(int node) {
    return Children.read(children.err(logs[node]));
  }

  private void spawn(int node) throws IOException {
    String name = NAMES.get(node);
    logs[node] = name + "-" + ++starts;
    ports[node] = -1;
    // each task has its own node id (ADR 0005): it names and fences the jobs the node runs
    servers[node] =
        children.spawn(
            logs[node],
            Map.of("STRATUM_STRATUM_NODE_ID", name),
            "serve",
            "--port",
            "0",
            "--data",
            dir.resolve(name).toString(),
            "--config",
            config.toString());
  }

  private void awaitPort(int node) throws Exception {
    String name = logs[node];
    OptionalInt port = children.port(servers[node], name, Duration.ofSeconds(120));
    if (port.isEmpty()) {
      throw new IllegalStateException(
          NAMES.get(node)
              + " did not start serving within 120 s: "
              + Children.tail(Children.read(children.err(name)), 20));
    }
    ports[node] = port.getAsInt();
  }

  @Override
  public void close() {
    children.close();
    setup.close();
    sim.close();
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    TestOpenSearch.deleteIndexes(openSearch, prefix);
  }
}
