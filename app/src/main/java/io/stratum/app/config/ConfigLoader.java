package io.stratum.app.config;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.catalog.Backend;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.dispatch.DispatchSettings;
import io.stratum.dispatch.ReasoningEffort;
import io.stratum.providers.bedrock.BedrockEmbedder;
import io.stratum.providers.bedrock.BedrockReranker;
import io.stratum.providers.oidc.OidcAuthenticator;
import io.stratum.retrieval.Retriever;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Reads the model configuration: a {@code .tfvars} (HCL) or {@code .tfvars.json} file, then {@code
 * STRATUM_<KEY>} environment overrides, then checks every value and reports every problem at once,
 * each with the key, the expectation, the bad value and where it came from:
 *
 * <pre>bedrock_default_backend: expected converse|responses, got 'respones' (terraform.tfvars:3)
 * </pre>
 */
public final class ConfigLoader {
  static final List<String> KEYS =
      List.of(
          "bedrock_advanced_model_id",
          "bedrock_basic_model_id",
          "bedrock_default_backend",
          "bedrock_embedding_model_id",
          "bedrock_embedding_dimensions",
          "bedrock_rerank_enabled",
          "bedrock_rerank_model_id",
          "aws_region",
          "bedrock_advanced_input_price",
          "bedrock_advanced_output_price",
          "bedrock_basic_input_price",
          "bedrock_basic_output_price",
          "mantle_api_key_ssm_param",
          "bedrock_cleared_model_ids",
          "bedrock_endpoint_url",
          "bedrock_mantle_endpoint_url",
          "bedrock_mantle_signing_name",
          "bedrock_strict_params",
          "bedrock_advanced_reasoning_effort",
          "bedrock_basic_reasoning_effort",
          "bedrock_stream_keepalive_seconds",
          "bedrock_first_byte_timeout_seconds",
          "bedrock_idle_timeout_seconds",
          "bedrock_total_timeout_seconds",
          "stratum_sources",
          "stratum_rrf_k",
          "stratum_lexical_weight",
          "stratum_vector_weight",
          "stratum_budget_webhook_url",
          "kms_key_arn",
          "kms_endpoint_url",
          "stratum_audit_jsonl_dir",
          "stratum_audit_jsonl_rotate_mb",
          "stratum_audit_hec_url",
          "stratum_audit_kinesis_stream",
          "kinesis_endpoint_url",
          "oidc_issuer",
          "oidc_jwks_url",
          "oidc_audience",
          "oidc_groups_claim",
          "oidc_role_map",
          "stratum_database_url",
          "stratum_node_id");
  private static final Pattern REGION = Pattern.compile("[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d");
  private static final Pattern OURS =
      Pattern.compile("(bedrock|stratum|mantle|oidc|kms|kinesis)_.*");

  private ConfigLoader() {}

  /** A raw value and where it came from ({@code terraform.tfvars:3}, {@code env STRATUM_X}). */
  private record Raw(Object value, String where) {}

  /**
   * The file to read: {@code --config}, else {@code STRATUM_CONFIG}, else {@code terraform.tfvars}
   * or {@code terraform.tfvars.json} in the working directory when present, else none.
   */
  public static Optional<Path> locate(Path flag, Map<String, String> env) {
    if (flag != null) {
      return Optional.of(flag);
    }
    String e = env.get("STRATUM_CONFIG");
    if (e != null && !e.isBlank()) {
      return Optional.of(Path.of(e));
    }
    for (String name : List.of("terraform.tfvars", "terraform.tfvars.json")) {
      if (Files.isRegularFile(Path.of(name))) {
        return Optional.of(Path.of(name));
      }
    }
    return Optional.empty();
  }

  public static ModelConfig load(Optional<Path> file, Map<String, String> env) {
    List<String> problems = new ArrayList<>();
    Map<String, Raw> raw = new LinkedHashMap<>();
    String source = "embedded defaults";
    if (file.isPresent()) {
      Path f = file.get();
      source = f.toString();
      if (!Files.isRegularFile(f)) {
        throw new ConfigException(List.of("config: no such file: " + f));
      }
      try {
        String text = Files.readString(f);
        String name = f.getFileName().toString();
        if (name.endsWith(".json")) {
          readJson(text, name, raw, problems);
        } else {
          Tfvars.parse(text)
              .values()
              .forEach(a -> raw.put(a.name(), new Raw(a.value(), name + ":" + a.line())));
        }
      } catch (Tfvars.SyntaxError e) {
        throw new ConfigException(List.of(f.getFileName() + ": " + e.getMessage()));
      } catch (IOException e) {
        throw new ConfigException(List.of("config: cannot read " + f + ": " + e.getMessage()));
      }
    }
    for (String key : KEYS) {
      String e = env.get("STRATUM_" + key.toUpperCase(Locale.ROOT));
      if (e != null) {
        Object v = key.equals("bedrock_cleared_model_ids") ? List.of(e.split("\\s*,\\s*")) : e;
        raw.put(key, new Raw(v, "env STRATUM_" + key.toUpperCase(Locale.ROOT)));
      }
    }
    raw.forEach(
        (k, v) -> {
          if (!KEYS.contains(k) && OURS.matcher(k).matches()) {
            problems.add("%s: unknown key%s (%s)".formatted(k, suggestion(k), v.where()));
          }
        });
    Reader r = new Reader(raw, problems);
    String advanced = r.string("bedrock_advanced_model_id", ModelConfig.LOCAL_MODEL);
    String basic = r.string("bedrock_basic_model_id", advanced);
    Backend backend = r.backend("bedrock_default_backend");
    RetrievalModels retrieval = r.retrieval();
    String region = r.string("aws_region", env.getOrDefault("AWS_REGION", "us-east-1"));
    if (!REGION.matcher(region).matches()) {
      problems.add(
          "aws_region: expected a region like us-east-1, got '%s' (%s)"
              .formatted(region, r.where("aws_region")));
    }
    ModelConfig.Prices ap =
        new ModelConfig.Prices(
            r.price("bedrock_advanced_input_price"), r.price("bedrock_advanced_output_price"));
    ModelConfig.Prices bp =
        new ModelConfig.Prices(
            r.price("bedrock_basic_input_price"), r.price("bedrock_basic_output_price"));
    String ssm = r.string("mantle_api_key_ssm_param", "");
    if (!ssm.isEmpty() && !ssm.startsWith("/")) {
      problems.add(
          "mantle_api_key_ssm_param: expected an SSM parameter name starting with '/', got '%s' (%s)"
              .formatted(ssm, r.where("mantle_api_key_ssm_param")));
    }
    Optional<DispatchSettings.ClearedModels> cleared = r.cleared();
    Path baseDir =
        file.map(f -> f.toAbsolutePath().getParent()).orElse(Path.of("").toAbsolutePath());
    ModelConfig c =
        new ModelConfig(
            advanced,
            basic,
            backend,
            retrieval,
            region,
            ap,
            bp,
            ssm,
            cleared,
            r.url("bedrock_endpoint_url"),
            r.url("bedrock_mantle_endpoint_url"),
            r.string("bedrock_mantle_signing_name", "bedrock-mantle"),
            r.bool("bedrock_strict_params"),
            r.effort("bedrock_advanced_reasoning_effort"),
            r.effort("bedrock_basic_reasoning_effort"),
            r.seconds("bedrock_stream_keepalive_seconds", 10),
            r.seconds("bedrock_first_byte_timeout_seconds", 60),
            r.seconds("bedrock_idle_timeout_seconds", 300),
            r.seconds("bedrock_total_timeout_seconds", 900),
            r.sources(baseDir),
            r.oidc(),
            r.url("stratum_budget_webhook_url"),
            r.kmsKey(),
            r.url("kms_endpoint_url"),
            r.auditExport(baseDir, env),
            r.storage(env),
            source);
    cleared.ifPresent(
        list -> {
          for (String tier : List.of("bedrock_advanced_model_id", "bedrock_basic_model_id")) {
            String id = tier.equals("bedrock_advanced_model_id") ? advanced : basic;
            if (!id.equals(ModelConfig.LOCAL_MODEL) && !list.allows(id)) {
              problems.add(
                  "%s: model '%s' is not in bedrock_cleared_model_ids (%s) (%s)"
                      .formatted(
                          tier,
                          id,
                          list.source(),
                          raw.containsKey(tier) ? raw.get(tier).where() : "default"));
            }
          }
        });
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return c;
  }

  private static String suggestion(String key) {
    String best = null;
    int bestD = 4;
    for (String k : KEYS) {
      int d = distance(k, key);
      if (d < bestD) {
        bestD = d;
        best = k;
      }
    }
    return best == null ? "" : "; did you mean '" + best + "'?";
  }

  private static int distance(String a, String b) {
    int[] prev = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      prev[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      int[] cur = new int[b.length() + 1];
      cur[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        cur[j] =
            Math.min(
                Math.min(cur[j - 1] + 1, prev[j] + 1),
                prev[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1));
      }
      prev = cur;
    }
    return prev[b.length()];
  }

  private static void readJson(
      String text, String name, Map<String, Raw> raw, List<String> problems) throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (JsonParser p = json.createParser(text)) {
      if (p.nextToken() != JsonToken.START_OBJECT) {
        problems.add(name + ":1: expected a JSON object of variables");
        return;
      }
      while (p.nextToken() == JsonToken.FIELD_NAME) {
        String key = p.currentName();
        int line = p.currentTokenLocation().getLineNr();
        p.nextToken();
        JsonNode v = json.readTree(p);
        raw.put(key, new Raw(json.convertValue(v, Object.class), name + ":" + line));
      }
    } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
      throw new ConfigException(
          List.of(
              name
                  + ":"
                  + e.getLocation().getLineNr()
                  + ": not valid JSON: "
                  + e.getOriginalMessage()));
    }
  }

  /** Typed reads that record a problem instead of throwing, so every problem is reported. */
  private record Reader(Map<String, Raw> raw, List<String> problems) {
    String where(String key) {
      return raw.containsKey(key) ? raw.get(key).where() : "default";
    }

    private void bad(String key, String expected, Object got) {
      problems.add("%s: expected %s, got %s (%s)".formatted(key, expected, show(got), where(key)));
    }

    private static String show(Object v) {
      if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
        return String.valueOf(d.longValue()); // the file said 768, not 768.0
      }
      return v instanceof String s ? "'" + s + "'" : String.valueOf(v);
    }

    String string(String key, String dflt) {
      Raw r = raw.get(key);
      if (r == null) {
        return dflt;
      }
      if (!(r.value() instanceof String s) || s.isBlank()) {
        bad(key, "a non-empty string", r.value());
        return dflt;
      }
      return s;
    }

    /**
     * {@code stratum_sources = [{ kind = "runbooks", path = "runbooks/", workspace = "operations"
     * }, ...]}; relative paths are read from the configuration file's directory.
     */
    List<SourceSpec> sources(Path baseDir) {
      Raw r = raw.get("stratum_sources");
      if (r == null) {
        return List.of();
      }
      if (!(r.value() instanceof List<?> list)) {
        bad("stratum_sources", "a list of { kind = ..., path = ..., workspace = ... }", r.value());
        return List.of();
      }
      List<SourceSpec> out = new ArrayList<>();
      for (int i = 0; i < list.size(); i++) {
        String at = "stratum_sources[%d]".formatted(i);
        if (!(list.get(i) instanceof Map<?, ?> m)) {
          problems.add(
              "%s: expected a map like { kind = \"runbooks\", path = \"runbooks/\", workspace = \"operations\" }, got %s (%s)"
                  .formatted(at, show(list.get(i)), r.where()));
          continue;
        }
        SourceSpec spec = source(at, m, baseDir, r.where());
        if (spec != null) {
          out.add(spec);
        }
      }
      return List.copyOf(out);
    }

    private SourceSpec source(String at, Map<?, ?> m, Path baseDir, String where) {
      int before = problems.size();
      String kind = m.get("kind") instanceof String k ? k : null;
      if (kind == null || !SourceSpec.KINDS.contains(kind)) {
        problems.add(
            "%s.kind: expected %s, got %s (%s)"
                .formatted(at, String.join("|", SourceSpec.KINDS), show(m.get("kind")), where));
        return null;
      }
      String targetKey = SourceSpec.targetKey(kind);
      for (Object key : m.keySet()) {
        if (!List.of("kind", "workspace", targetKey).contains(key)) {
          problems.add(
              "%s.%s: unknown key for kind '%s'; expected kind, %s, workspace (%s)"
                  .formatted(at, key, kind, targetKey, where));
        }
      }
      String target = m.get(targetKey) instanceof String t && !t.isBlank() ? t : null;
      if (target == null) {
        problems.add(
            "%s.%s: required for kind '%s', got %s (%s)"
                .formatted(at, targetKey, kind, show(m.get(targetKey)), where));
      } else if (SourceSpec.PATH_KINDS.contains(kind)) {
        Path p = baseDir.resolve(target).normalize();
        if (!Files.exists(p)) {
          problems.add("%s.path: no such file or directory '%s' (%s)".formatted(at, p, where));
        }
        target = p.toString();
      }
      Object ws = m.get("workspace");
      String workspace = ws instanceof String w && !w.isBlank() ? w : null;
      if (workspace == null && !kind.equals("markdown")) {
        problems.add(
            "%s.workspace: required for kind '%s', got %s (%s)"
                .formatted(at, kind, show(ws), where));
      } else if (workspace != null) {
        try {
          MarkdownConnector.requireWorkspaceId(workspace);
        } catch (IllegalArgumentException e) {
          problems.add("%s.%s (%s)".formatted(at, e.getMessage(), where));
        }
      }
      return problems.size() == before ? new SourceSpec(kind, target, workspace, where) : null;
    }

    /** The OIDC block: all of issuer, JWKS URL and audience, or none of it. */
    Optional<OidcAuthenticator.Settings> oidc() {
      List<String> keys =
          List.of(
              "oidc_issuer",
              "oidc_jwks_url",
              "oidc_audience",
              "oidc_groups_claim",
              "oidc_role_map");
      String given = keys.stream().filter(raw::containsKey).findFirst().orElse(null);
      if (given == null) {
        return Optional.empty();
      }
      String issuer = string("oidc_issuer", "");
      URI jwks = url("oidc_jwks_url");
      String audience = string("oidc_audience", "");
      for (String required : List.of("oidc_issuer", "oidc_jwks_url", "oidc_audience")) {
        if (!raw.containsKey(required)) {
          problems.add(
              "%s: required when OIDC is configured (%s is set at %s)"
                  .formatted(required, given, where(given)));
        }
      }
      Map<String, String> roleMap = new LinkedHashMap<>();
      Raw m = raw.get("oidc_role_map");
      if (m != null) {
        if (!(m.value() instanceof Map<?, ?> map)) {
          bad("oidc_role_map", "a map of group = \"org_admin\" or \"WORKSPACE:ROLE\"", m.value());
        } else {
          map.forEach(
              (group, target) -> {
                String problem =
                    target instanceof String t
                        ? OidcAuthenticator.checkTarget(t)
                        : "expected a string, got " + show(target);
                if (problem != null) {
                  problems.add("oidc_role_map.%s: %s (%s)".formatted(group, problem, m.where()));
                } else {
                  roleMap.put(String.valueOf(group), (String) target);
                }
              });
        }
      }
      if (issuer.isEmpty() || jwks == null || audience.isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(
          new OidcAuthenticator.Settings(
              issuer, jwks, audience, string("oidc_groups_claim", "groups"), roleMap));
    }

    /** {@code kms_key_arn}: a key or alias ARN. */
    String kmsKey() {
      String v = string("kms_key_arn", "");
      if (v.isEmpty()) {
        return null;
      }
      if (!v.matches("arn:aws[a-z-]*:kms:[a-z0-9-]+:\\d{12}:(key/[0-9a-f-]{36}|alias/[\\w/-]+)")) {
        bad("kms_key_arn", "a KMS key or alias ARN (arn:aws:kms:REGION:ACCOUNT:key/ID)", v);
        return null;
      }
      return v;
    }

    RetrievalModels retrieval() {
      String embedding = string("bedrock_embedding_model_id", RetrievalModels.LOCAL_EMBEDDING);
      List<String> embeddings = new ArrayList<>();
      embeddings.add(RetrievalModels.LOCAL_EMBEDDING);
      embeddings.add(BedrockEmbedder.TITAN_V2);
      embeddings.addAll(BedrockEmbedder.COHERE_V3);
      if (!embeddings.contains(embedding)) {
        bad("bedrock_embedding_model_id", String.join("|", embeddings), embedding);
        embedding = RetrievalModels.LOCAL_EMBEDDING;
      }
      int dimensions = 1024;
      Raw d = raw.get("bedrock_embedding_dimensions");
      if (d != null) {
        Double n = number(d.value());
        if (n == null
            || !BedrockEmbedder.TITAN_DIMENSIONS.contains((int) (double) n)
            || n != Math.rint(n)) {
          bad("bedrock_embedding_dimensions", "256|512|1024", d.value());
        } else {
          dimensions = (int) (double) n;
        }
      }
      String rerankModel = string("bedrock_rerank_model_id", BedrockReranker.COHERE_RERANK_V35);
      if (!rerankModel.equals(BedrockReranker.COHERE_RERANK_V35)) {
        bad("bedrock_rerank_model_id", BedrockReranker.COHERE_RERANK_V35, rerankModel);
        rerankModel = BedrockReranker.COHERE_RERANK_V35;
      }
      return new RetrievalModels(
          embedding, dimensions, bool("bedrock_rerank_enabled"), rerankModel, fusion());
    }

    /** {@code stratum_rrf_k}, {@code stratum_lexical_weight}, {@code stratum_vector_weight}. */
    private Retriever.Fusion fusion() {
      Retriever.Fusion d = Retriever.Fusion.RRF;
      double k = nonNegative("stratum_rrf_k", d.k());
      double lexical = nonNegative("stratum_lexical_weight", d.lexicalWeight());
      double vector = nonNegative("stratum_vector_weight", d.vectorWeight());
      if (k < 1 || k != Math.rint(k)) {
        bad("stratum_rrf_k", "a whole number >= 1", raw.get("stratum_rrf_k").value());
        k = d.k();
      }
      if (lexical + vector == 0) {
        problems.add(
            "stratum_lexical_weight, stratum_vector_weight: expected at least one above 0, got both 0 (%s)"
                .formatted(where("stratum_vector_weight")));
        return d;
      }
      return new Retriever.Fusion((int) k, lexical, vector);
    }

    private double nonNegative(String key, double dflt) {
      Raw r = raw.get(key);
      if (r == null) {
        return dflt;
      }
      Double d = number(r.value());
      if (d == null || d < 0) {
        bad(key, "a number >= 0", r.value());
        return dflt;
      }
      return d;
    }

    /**
     * {@code stratum_database_url} (PostgreSQL; unset: SQLite in the data directory) and {@code
     * stratum_node_id}. The user and password come from the environment only.
     */
    StorageSettings storage(Map<String, String> env) {
      String url = string("stratum_database_url", "");
      String node = string("stratum_node_id", "");
      if (!node.isEmpty() && !node.matches("[A-Za-z0-9_.:@-]{1,128}")) {
        bad("stratum_node_id", "a name of letters, digits and _ . : @ - (1-128)", node);
        node = "";
      }
      if (url.isEmpty()) {
        return new StorageSettings(null, null, null, node.isEmpty() ? null : node);
      }
      if (!url.startsWith("jdbc:postgresql://")) {
        bad("stratum_database_url", "a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DB)", url);
        return StorageSettings.EMBEDDED;
      }
      if (url.toLowerCase(java.util.Locale.ROOT).contains("password=")) {
        problems.add(
            "stratum_database_url: carries a password; put it in %s instead, never in the file (%s)"
                .formatted(StorageSettings.PASSWORD_ENV, where("stratum_database_url")));
      }
      String user = env.getOrDefault(StorageSettings.USER_ENV, "");
      String password = env.getOrDefault(StorageSettings.PASSWORD_ENV, "");
      for (String var : List.of(StorageSettings.USER_ENV, StorageSettings.PASSWORD_ENV)) {
        if (env.getOrDefault(var, "").isBlank()) {
          problems.add(
              "stratum_database_url: set, but %s is not; the database user and password are read from the environment, never from the file (%s)"
                  .formatted(var, where("stratum_database_url")));
        }
      }
      return new StorageSettings(url, user, password, node.isEmpty() ? null : node);
    }

    /** The {@code stratum_audit_*} sinks; the HEC token must be in the environment. */
    AuditExportSettings auditExport(Path baseDir, Map<String, String> env) {
      String dir = string("stratum_audit_jsonl_dir", "");
      Raw mb = raw.get("stratum_audit_jsonl_rotate_mb");
      long rotate = AuditExportSettings.NONE.jsonlRotateBytes();
      if (mb != null) {
        Double d = number(mb.value());
        if (d == null || d < 1 || d != Math.rint(d)) {
          bad("stratum_audit_jsonl_rotate_mb", "a whole number of megabytes >= 1", mb.value());
        } else {
          rotate = d.longValue() << 20;
        }
      }
      URI hec = url("stratum_audit_hec_url");
      if (hec != null && env.getOrDefault(AuditExportSettings.HEC_TOKEN_ENV, "").isBlank()) {
        problems.add(
            "stratum_audit_hec_url: set, but %s is not; the HEC token is read from the environment, never from the file (%s)"
                .formatted(AuditExportSettings.HEC_TOKEN_ENV, where("stratum_audit_hec_url")));
      }
      String stream = string("stratum_audit_kinesis_stream", "");
      if (!stream.isEmpty() && !stream.matches("[a-zA-Z0-9_.-]{1,128}")) {
        bad(
            "stratum_audit_kinesis_stream",
            "a Kinesis stream name ([a-zA-Z0-9_.-], 1-128)",
            stream);
        stream = "";
      }
      return new AuditExportSettings(
          dir.isEmpty() ? null : baseDir.resolve(dir).normalize(),
          rotate,
          hec,
          stream.isEmpty() ? null : stream,
          url("kinesis_endpoint_url"));
    }

    Backend backend(String key) {
      String v = string(key, "converse");
      if (!v.equals("converse") && !v.equals("responses")) {
        bad(key, "converse|responses", v);
        return Backend.CONVERSE;
      }
      return Backend.parse(v);
    }

    double price(String key) {
      Raw r = raw.get(key);
      if (r == null) {
        return -1; // not set: the catalog's list price applies
      }
      Double d = number(r.value());
      if (d == null || d < 0) {
        bad(key, "a price in USD per 1M tokens (a number >= 0)", r.value());
        return -1;
      }
      return d;
    }

    Duration seconds(String key, double dflt) {
      Raw r = raw.get(key);
      if (r == null) {
        return Duration.ofMillis((long) (dflt * 1000));
      }
      Double d = number(r.value());
      if (d == null || d <= 0) {
        bad(key, "a number of seconds > 0", r.value());
        return Duration.ofMillis((long) (dflt * 1000));
      }
      return Duration.ofMillis((long) (d * 1000));
    }

    boolean bool(String key) {
      Raw r = raw.get(key);
      if (r == null) {
        return false;
      }
      if (r.value() instanceof Boolean b) {
        return b;
      }
      if (r.value() instanceof String s && (s.equals("true") || s.equals("false"))) {
        return s.equals("true");
      }
      bad(key, "true|false", r.value());
      return false;
    }

    URI url(String key) {
      String v = string(key, "");
      if (v.isEmpty()) {
        return null;
      }
      try {
        URI u = URI.create(v);
        if ((u.getScheme() == null || !u.getScheme().matches("https?")) || u.getHost() == null) {
          bad(key, "an http(s) URL", v);
          return null;
        }
        return u;
      } catch (IllegalArgumentException e) {
        bad(key, "an http(s) URL", v);
        return null;
      }
    }

    ReasoningEffort effort(String key) {
      String v = string(key, "");
      if (v.isEmpty()) {
        return null;
      }
      try {
        return ReasoningEffort.parse(v);
      } catch (IllegalArgumentException e) {
        bad(key, "none|minimal|low|medium|high|xhigh", v);
        return null;
      }
    }

    Optional<DispatchSettings.ClearedModels> cleared() {
      String key = "bedrock_cleared_model_ids";
      Raw r = raw.get(key);
      if (r == null) {
        return Optional.empty();
      }
      if (!(r.value() instanceof List<?> l)
          || l.isEmpty()
          || !l.stream().allMatch(x -> x instanceof String s && !s.isBlank())) {
        bad(key, "a non-empty list of model ids", r.value());
        return Optional.empty();
      }
      return Optional.of(
          new DispatchSettings.ClearedModels(
              new LinkedHashSet<>(l.stream().map(String::valueOf).toList()), r.where()));
    }

    private static Double number(Object v) {
      if (v instanceof Number n) {
        return n.doubleValue();
      }
      if (v instanceof String s) {
        try {
          return Double.parseDouble(s.strip());
        } catch (NumberFormatException e) {
          return null;
        }
      }
      return null;
    }
  }
}
