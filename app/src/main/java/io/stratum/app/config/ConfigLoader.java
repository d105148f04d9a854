package io.stratum.app.config;

import static io.stratum.app.config.ConfigKeys.KEYS;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.app.config.Values.Raw;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
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
  /** Keys of other modules share the file; a misspelt one of ours is named. */
  private static final Pattern OURS =
      Pattern.compile("(bedrock|stratum|mantle|oidc|kms|kinesis)_.*");

  private ConfigLoader() {}

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

  /**
   * Reads the configuration, checking provider-specific values (embedding models, role-map targets)
   * against {@code choices}.
   *
   * @throws ConfigException naming every problem, each with its place
   */
  public static ModelConfig load(
      Optional<Path> file, Map<String, String> env, ProviderChoices choices) {
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
    for (Key<?> key : KEYS.keys()) {
      String e = env.get(key.env());
      if (e != null && key.fromFile()) {
        fromEnvironment(key, e, raw, problems);
      }
    }
    raw.forEach(
        (k, v) -> {
          if (KEYS.inFile(k) == null && OURS.matcher(k).matches()) {
            problems.add("%s: unknown key%s (%s)".formatted(k, KEYS.suggestion(k), v.where()));
          }
        });
    Path baseDir =
        file.map(f -> f.toAbsolutePath().getParent()).orElse(Path.of("").toAbsolutePath());
    Values values = new Values(raw, new Values.Context(env, baseDir, choices), problems);
    ModelConfig c = ModelConfig.read(values, source);
    values.readAll(KEYS.keys());
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return c;
  }

  /**
   * A key's value from its environment variable. A value that opens with {@code [} or {@code {} is
   * HCL, read as the file would read it, so a map ({@code oidc_role_map}) or a list of objects
   * ({@code stratum_sources}) can be given where there is no file (a container's environment);
   * anything else is the plain string (a list: comma-separated).
   */
  private static void fromEnvironment(
      Key<?> key, String value, Map<String, Raw> raw, List<String> problems) {
    String where = "env " + key.env();
    String v = value.strip();
    if (!v.startsWith("[") && !v.startsWith("{")) {
      raw.put(key.name(), new Raw(key.envValue().apply(value), where));
      return;
    }
    try {
      raw.put(
          key.name(), new Raw(Tfvars.parse(key.name() + " = " + v).get(key.name()).value(), where));
    } catch (Tfvars.SyntaxError err) {
      problems.add("%s: %s (%s)".formatted(key.name(), err.getMessage(), where));
    }
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
    } catch (JsonProcessingException e) {
      throw new ConfigException(
          List.of(
              name
                  + ":"
                  + e.getLocation().getLineNr()
                  + ": not valid JSON: "
                  + e.getOriginalMessage()));
    }
  }
}
