package io.stratum.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A local Amazon Bedrock that speaks the real wire: Converse and ConverseStream (JSON and the
 * binary event stream) as bedrock-runtime does, and the OpenAI-compatible Responses, Chat
 * Completions and model list as bedrock-runtime {@code /openai/v1} and bedrock-mantle ({@code /v1},
 * {@code /openai/v1}) do. It checks SigV4 signatures (signing names {@code bedrock} and {@code
 * bedrock-mantle}) and Bedrock API keys, plays each model family's quirks, and injects faults on
 * request. It serves SSM Parameter Store's GetParameter, KMS and Kinesis for the same tests, and
 * speaks HTTP/1.1 and HTTP/2 cleartext on one port. Unmodified AWS and OpenAI SDKs point at it with
 * an endpoint override.
 *
 * <pre>{@code
 * try (BedrockSimulator sim = BedrockSimulator.builder().build().start()) {
 *   BedrockRuntimeClient client = BedrockRuntimeClient.builder()
 *       .endpointOverride(sim.endpoint()).region(Region.US_EAST_1)
 *       .credentialsProvider(StaticCredentialsProvider.create(
 *           AwsBasicCredentials.create(sim.accessKeyId(), sim.secretKey())))
 *       .build();
 * }
 * }</pre>
 */
public final class BedrockSimulator implements AutoCloseable {
  public static final String FAULT_HEADER = "x-stratum-sim-fault";
  public static final String THINK_HEADER = "x-stratum-sim-think-ms";
  private static final int LOG_LIMIT = 200;

  private final Builder config;
  private final ObjectMapper json = new ObjectMapper();
  private final ConverseSurface converse;
  private final OpenAiSurface openai;
  private final InvokeSurface invoke;
  private final KmsSurface kms;
  private final SsmSurface ssm;
  private final KinesisSurface kinesis;
  private final SigV4Verifier verifier;
  private final Deque<RecordedRequest> log = new ConcurrentLinkedDeque<>();
  private final Deque<String> armed = new ConcurrentLinkedDeque<>();
  private final AtomicLong requestCounter = new AtomicLong();
  private volatile String apiKey;
  private HttpServer server;
  private H2cFront front;
  private ExecutorService executor;

  private BedrockSimulator(Builder b) {
    this.config = b;
    this.converse = new ConverseSurface(b.catalog, json);
    this.openai = new OpenAiSurface(b.catalog, json, b.clock, b.reasoningSilence);
    this.invoke = new InvokeSurface(json);
    this.kms = new KmsSurface(json);
    this.ssm = new SsmSurface(json, b.clock, b.region);
    this.apiKey = b.apiKey;
    this.kinesis = new KinesisSurface(json);
    this.verifier = new SigV4Verifier(b.accessKeyId, b.secretKey, b.region, b.sessionToken);
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Starts serving on the configured port (0 picks a free one) on loopback: HTTP/1.1, and HTTP/2
   * cleartext by prior knowledge or {@code Upgrade: h2c} ({@link H2cFront}).
   */
  public BedrockSimulator start() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
      executor = Executors.newVirtualThreadPerTaskExecutor();
      server.setExecutor(executor);
      server.createContext("/", this::handle);
      server.start();
      front = new H2cFront(InetAddress.getByName(config.host), config.port, server.getAddress());
    } catch (IOException e) {
      close();
      throw new UncheckedIOException(
          "cannot listen on " + config.host + ":" + config.port + ": " + e.getMessage(), e);
    }
    return this;
  }

  public int port() {
    return front.port();
  }

  /** The base URI for bedrock-runtime clients ({@code endpointOverride}). */
  public URI endpoint() {
    return URI.create("http://" + hostForUri() + ":" + port());
  }

  /** The base URL for OpenAI clients against bedrock-mantle's {@code /v1}. */
  public String mantleBaseUrl() {
    return endpoint() + "/v1";
  }

  /** The base URL for OpenAI clients against the {@code /openai/v1} prefix. */
  public String openAiBaseUrl() {
    return endpoint() + "/openai/v1";
  }

  private String hostForUri() {
    return config.host.contains(":") ? "[" + config.host + "]" : config.host;
  }

  public String accessKeyId() {
    return config.accessKeyId;
  }

  public String secretKey() {
    return config.secretKey;
  }

  /** The session token of the simulated temporary credentials, or null for long-term keys. */
  public String sessionToken() {
    return config.sessionToken;
  }

  public String region() {
    return config.region;
  }

  public String apiKey() {
    return apiKey;
  }

  /**
   * Rotates the Bedrock API key: from now on only {@code newKey} is accepted, as after revoking the
   * old one.
   */
  public void rotateApiKey(String newKey) {
    this.apiKey = newKey;
  }

  /**
   * Puts a SecureString parameter into the simulated SSM Parameter Store (a new version when it
   * exists).
   */
  public void putParameter(String name, String value) {
    ssm.put(name, value);
  }

  public SimCatalog catalog() {
    return config.catalog;
  }

  /** Arms {@code fault} (as in the fault header) for the next {@code times} model requests. */
  public void arm(String fault, int times) {
    Fault.parse(fault);
    for (int i = 0; i < times; i++) {
      armed.add(fault);
    }
  }

  /** Creates a Kinesis data stream (a no-op when it exists). */
  public void createStream(String name) {
    kinesis.createStream(name);
  }

  /** What the simulated Kinesis stream {@code name} holds, in order. */
  public List<KinesisRecord> kinesisRecords(String name) {
    return kinesis.records(name);
  }

  /** Makes Kinesis refuse the next {@code records} records (ProvisionedThroughputExceeded). */
  public void refuseKinesisRecords(int records) {
    kinesis.refuseNext(records);
  }

  /** The most recent requests, oldest first (at most 200). */
  public List<RecordedRequest> requests() {
    return List.copyOf(log);
  }

  public void clearRequests() {
    log.clear();
  }

  @Override
  public void close() {
    if (front != null) {
      front.close();
    }
    if (server != null) {
      server.stop(0);
      executor.shutdownNow();
    }
  }

  private void handle(HttpExchange ex) throws IOException {
    String requestId =
        UUID.nameUUIDFromBytes(
                ("req-" + requestCounter.incrementAndGet()).getBytes(StandardCharsets.UTF_8))
            .toString();
    SimExchange out = new SimExchange(ex, requestId);
    String rawPath = ex.getRequestURI().getRawPath();
    boolean openAiStyle = rawPath.startsWith("/v1/") || rawPath.startsWith("/openai/v1/");
    try {
      byte[] body = ex.getRequestBody().readAllBytes();
      if (rawPath.startsWith("/_sim/")) {
        control(ex, rawPath, body, out);
        return;
      }
      Map<String, List<String>> headers = lowerCased(ex);
      String auth = authenticate(ex, rawPath, headers, body);
      Map<String, List<String>> recorded = new LinkedHashMap<>(headers);
      recorded.remove("authorization");
      log.add(
          new RecordedRequest(
              ex.getRequestMethod(),
              rawPath,
              auth,
              recorded,
              new String(body, StandardCharsets.UTF_8)));
      while (log.size() > LOG_LIMIT) {
        log.pollFirst();
      }
      List<Fault> faults = new ArrayList<>(Fault.parse(first(headers, FAULT_HEADER)));
      String armedFault = armed.poll();
      if (armedFault != null) {
        faults.addAll(Fault.parse(armedFault));
      }
      Fault slow = Fault.find(faults, "slow-first-byte");
      if (slow != null) {
        SimExchange.pause(slow.millis());
      }
      preResponseFaults(faults, openAiStyle);
      route(ex.getRequestMethod(), rawPath, headers, body, faults, out);
    } catch (SimError e) {
      if (!out.started()) {
        error(e, openAiStyle && !"auth".equals(e.code), out);
      }
    } catch (SimExchange.Cut e) {
      // No graceful close: that would end the chunked body cleanly. Throwing makes the server
      // drop the connection, so the client sees the stream end mid-frame.
      throw new IOException("connection cut by fault injection");
    } catch (UncheckedIOException e) {
      // The client went away mid-stream; nothing to answer.
    }
    ex.close();
  }

  private void route(
      String method,
      String rawPath,
      Map<String, List<String>> headers,
      byte[] body,
      List<Fault> faults,
      SimExchange out) {
    String target = first(headers, "x-amz-target");
    if (method.equals("POST")
        && rawPath.equals("/")
        && target != null
        && target.startsWith("TrentService.")) {
      kms.handle(target, parse(body, false), out);
      return;
    }
    if (method.equals("POST")
        && rawPath.equals("/")
        && target != null
        && target.startsWith("AmazonSSM.")) {
      ssm.handle(target, parse(body, false), out);
      return;
    }
    if (method.equals("POST")
        && rawPath.equals("/")
        && target != null
        && target.startsWith("Kinesis_20131202.")) {
      kinesis.handle(target, first(headers, "content-type"), body, out);
      return;
    }
    String[] seg = rawPath.split("/");
    if (method.equals("POST")
        && seg.length == 4
        && seg[1].equals("model")
        && (seg[3].equals("converse") || seg[3].equals("converse-stream"))) {
      String modelId = URLDecoder.decode(seg[2], StandardCharsets.UTF_8);
      converse.handle(modelId, seg[3].equals("converse-stream"), parse(body, false), faults, out);
      return;
    }
    if (method.equals("POST")
        && seg.length == 4
        && seg[1].equals("model")
        && seg[3].equals("invoke")) {
      invoke.handle(URLDecoder.decode(seg[2], StandardCharsets.UTF_8), parse(body, false), out);
      return;
    }
    for (String prefix : List.of("/openai/v1", "/v1")) {
      if (!rawPath.startsWith(prefix + "/")) {
        continue;
      }
      String rest = rawPath.substring(prefix.length());
      switch (method + " " + rest) {
        case "POST /responses" -> {
          String think = first(headers, THINK_HEADER);
          openai.responses(
              prefix,
              parse(body, true),
              faults,
              think == null ? null : Duration.ofMillis(Long.parseLong(think.strip())),
              out);
          return;
        }
        case "POST /chat/completions" -> {
          openai.chat(prefix, parse(body, true), faults, out);
          return;
        }
        case "GET /models" -> {
          out.json(200, openai.models(prefix), Map.of());
          return;
        }
        default ->
            throw new SimError(
                404,
                "invalid_request_error",
                "Unknown request URL: " + method + " " + rawPath + ".",
                null,
                "unknown_url",
                null);
      }
    }
    throw new SimError(
        404, "UnknownOperationException", "Unknown operation: " + method + " " + rawPath);
  }

  private JsonNode parse(byte[] body, boolean openAiStyle) {
    try {
      JsonNode node = json.readTree(body);
      if (node == null || !node.isObject()) {
        throw new IOException("not a JSON object");
      }
      return node;
    } catch (IOException e) {
      if (openAiStyle) {
        throw SimError.invalid(
            "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
            null,
            null);
      }
      throw new SimError(
          400, "SerializationException", "Unable to parse the request body as JSON.");
    }
  }

  private void preResponseFaults(List<Fault> faults, boolean openAiStyle) {
    if (Fault.find(faults, "throttle") != null) {
      throw new SimError(
          429,
          openAiStyle ? "rate_limit_error" : "ThrottlingException",
          "Too many requests, please wait before trying again.",
          null,
          openAiStyle ? "rate_limit_exceeded" : null,
          1);
    }
    if (Fault.find(faults, "server-error") != null) {
      throw new SimError(
          500,
          openAiStyle ? "server_error" : "InternalServerException",
          openAiStyle
              ? "The server had an error while processing your request. Sorry about that!"
              : "The server encountered an internal error while processing the request.");
    }
    if (Fault.find(faults, "unavailable") != null) {
      throw new SimError(
          503,
          openAiStyle ? "server_error" : "ServiceUnavailableException",
          openAiStyle
              ? "The server is overloaded or not ready yet."
              : "Bedrock is unable to process your request.");
    }
  }

  /** Checks SigV4 or a Bedrock API key; returns how the request authenticated. */
  private String authenticate(
      HttpExchange ex, String rawPath, Map<String, List<String>> headers, byte[] body) {
    String authorization = first(headers, "authorization");
    if (authorization == null || authorization.isBlank()) {
      throw authError("MissingAuthenticationTokenException", "Missing Authentication Token");
    }
    if (authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      if (!authorization.substring(7).strip().equals(apiKey)) {
        throw authError(
            "AccessDeniedException",
            "Authentication failed: Please make sure your API Key is valid.");
      }
      return "bearer";
    }
    String target = first(headers, "x-amz-target");
    List<String> names =
        target != null && target.startsWith("TrentService.")
            ? List.of("kms")
            : target != null && target.startsWith("Kinesis_20131202.")
                ? List.of("kinesis")
                : target != null && target.startsWith("AmazonSSM.")
                    ? List.of("ssm")
                    : rawPath.startsWith("/model/")
                        ? List.of(config.runtimeSigningName)
                        : rawPath.startsWith("/openai/v1/")
                            ? List.of(config.mantleSigningName, config.runtimeSigningName)
                            : List.of(config.mantleSigningName);
    Optional<SigV4Verifier.Failure> failure =
        verifier.verify(
            authorization,
            ex.getRequestMethod(),
            rawPath,
            ex.getRequestURI().getRawQuery(),
            headers,
            body,
            names,
            config.clock.instant());
    if (failure.isPresent()) {
      throw authError(failure.get().type(), failure.get().message());
    }
    String service = authorization.split("/")[3];
    return "sigv4:" + service;
  }

  private static SimError authError(String type, String message) {
    return new SimError(403, type, message, null, "auth", null);
  }

  private void error(SimError e, boolean openAiStyle, SimExchange out) {
    Map<String, String> headers = new LinkedHashMap<>();
    if (e.retryAfterSeconds != null) {
      headers.put("Retry-After", String.valueOf(e.retryAfterSeconds));
    }
    if (openAiStyle) {
      ObjectNode root = json.createObjectNode();
      ObjectNode err = root.putObject("error");
      err.put("message", e.getMessage()).put("type", e.type);
      if (e.param == null) {
        err.putNull("param");
      } else {
        err.put("param", e.param);
      }
      if (e.code == null) {
        err.putNull("code");
      } else {
        err.put("code", e.code);
      }
      out.json(e.status, root.toString(), headers);
      return;
    }
    headers.put(
        "x-amzn-ErrorType", e.type + ":http://internal.amazon.com/coral/com.amazon.bedrock/");
    out.json(e.status, json.createObjectNode().put("message", e.getMessage()).toString(), headers);
  }

  private void control(HttpExchange ex, String rawPath, byte[] body, SimExchange out) {
    switch (ex.getRequestMethod() + " " + rawPath) {
      case "POST /_sim/faults" -> {
        JsonNode req = parse(body, false);
        String fault = req.path("fault").asText();
        int times = req.path("times").asInt(1);
        arm(fault, times);
        out.json(
            200,
            json.createObjectNode().put("armed", fault).put("times", times).toString(),
            Map.of());
      }
      case "GET /_sim/requests" -> out.json(200, json.valueToTree(requests()).toString(), Map.of());
      case "DELETE /_sim/requests" -> {
        clearRequests();
        out.json(200, "{}", Map.of());
      }
      case "GET /_sim/health" -> out.json(200, "{\"status\":\"ok\"}", Map.of());
      default ->
          throw new SimError(
              404, "UnknownOperationException", "Unknown control endpoint: " + rawPath);
    }
  }

  private static Map<String, List<String>> lowerCased(HttpExchange ex) {
    Map<String, List<String>> headers = new LinkedHashMap<>();
    ex.getRequestHeaders()
        .forEach(
            (k, v) ->
                headers
                    .computeIfAbsent(k.toLowerCase(Locale.ROOT), x -> new ArrayList<>())
                    .addAll(v));
    return headers;
  }

  private static String first(Map<String, List<String>> headers, String name) {
    List<String> v = headers.get(name);
    return v == null || v.isEmpty() ? null : v.get(0);
  }

  /** Settings, with the documented defaults. */
  public static final class Builder {
    private String host = "127.0.0.1";
    private int port;
    private String accessKeyId = "AKIDSTRATUMSIM";
    private String secretKey = "stratum-sim-secret";
    private String sessionToken;
    private String region = "us-east-1";
    private String apiKey = "stratum-sim-key";
    private String runtimeSigningName = "bedrock";
    private String mantleSigningName = "bedrock-mantle";
    private Duration reasoningSilence = Duration.ZERO;
    private Clock clock = Clock.systemUTC();
    private SimCatalog catalog = SimCatalog.standard();

    public Builder host(String host) {
      this.host = host;
      return this;
    }

    public Builder port(int port) {
      this.port = port;
      return this;
    }

    public Builder credentials(String accessKeyId, String secretKey) {
      this.accessKeyId = accessKeyId;
      this.secretKey = secretKey;
      return this;
    }

    /**
     * Plays temporary credentials (an STS session, a task role, an SSO session): every SigV4
     * request must then carry {@code sessionToken} in a signed {@code x-amz-security-token} header,
     * or it is refused with 403 as AWS refuses it.
     */
    public Builder temporaryCredentials(String accessKeyId, String secretKey, String sessionToken) {
      this.accessKeyId = accessKeyId;
      this.secretKey = secretKey;
      this.sessionToken = sessionToken;
      return this;
    }

    public Builder region(String region) {
      this.region = region;
      return this;
    }

    public Builder apiKey(String apiKey) {
      this.apiKey = apiKey;
      return this;
    }

    public Builder signingNames(String runtime, String mantle) {
      this.runtimeSigningName = runtime;
      this.mantleSigningName = mantle;
      return this;
    }

    /** How long GPT-5 models stay silent on the wire while they reason (default none). */
    public Builder reasoningSilence(Duration silence) {
      this.reasoningSilence = silence;
      return this;
    }

    public Builder clock(Clock clock) {
      this.clock = clock;
      return this;
    }

    public Builder catalog(SimCatalog catalog) {
      this.catalog = catalog;
      return this;
    }

    public BedrockSimulator build() {
      return new BedrockSimulator(this);
    }
  }
}
