package io.stratum.catalog;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The model catalog: families as data ({@code catalog/models.json}), resolved from a model id. Ids
 * are matched after removing a geography prefix ({@code us.}, {@code eu.}, {@code apac.}, {@code
 * global.}, {@code us-gov.}, {@code jp.}, {@code au.}) or taking the last path segment of an ARN.
 * Adding a family is a data change: {@link #standard()} plus {@link #with(ModelCatalog)}.
 *
 * <pre>{@code
 * ModelFamily f = ModelCatalog.standard().resolve("us.anthropic.claude-sonnet-4-6").orElseThrow();
 * f.backends(); // [CONVERSE]
 * }</pre>
 */
public final class ModelCatalog {
  private static final List<String> GEO =
      List.of("us.", "eu.", "apac.", "global.", "us-gov.", "jp.", "au.");
  private final List<ModelFamily> families;

  private ModelCatalog(List<ModelFamily> families) {
    this.families = List.copyOf(families);
  }

  /** The catalog shipped in the jar. */
  public static ModelCatalog standard() {
    try (InputStream in = ModelCatalog.class.getResourceAsStream("/catalog/models.json")) {
      if (in == null) {
        throw new IllegalStateException("catalog/models.json is missing from the jar");
      }
      return fromJson(in, "catalog/models.json");
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read catalog/models.json", e);
    }
  }

  /**
   * Reads families from JSON ({@code {"families": [...]}}), reporting every bad entry at once.
   *
   * @param source the file name, for error messages
   */
  public static ModelCatalog fromJson(InputStream json, String source) throws IOException {
    List<ModelFamily> out = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    JsonNode root = new ObjectMapper().readTree(json);
    int i = 0;
    for (JsonNode f : root.path("families")) {
      String where = source + ": families[" + i++ + "] (" + f.path("name").asText("?") + ")";
      try {
        out.add(family(f));
      } catch (IllegalArgumentException e) {
        problems.add(where + ": " + e.getMessage());
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException(String.join("\n", problems));
    }
    return new ModelCatalog(out);
  }

  /** This catalog with {@code more}'s families added in front (they win on overlapping ids). */
  public ModelCatalog with(ModelCatalog more) {
    List<ModelFamily> all = new ArrayList<>(more.families);
    all.addAll(families);
    return new ModelCatalog(all);
  }

  public List<ModelFamily> families() {
    return families;
  }

  public Optional<ModelFamily> resolve(String modelId) {
    String base = baseId(modelId);
    return families.stream().filter(f -> f.matches(base)).findFirst();
  }

  /**
   * How far the catalog vouches for {@code modelId}: its family's status ({@code validated}: proved
   * in the conformance matrix; {@code routable}: configuration only) or {@code unknown}.
   */
  public String status(String modelId) {
    return resolve(modelId).map(ModelFamily::status).orElse("unknown");
  }

  /** The id without an ARN wrapper or a geography prefix. */
  public static String baseId(String modelId) {
    String id = modelId;
    if (id.startsWith("arn:")) {
      id = id.substring(id.lastIndexOf('/') + 1);
    }
    for (String geo : GEO) {
      if (id.startsWith(geo)) {
        return id.substring(geo.length());
      }
    }
    return id;
  }

  private static ModelFamily family(JsonNode f) {
    String name = required(f, "name");
    List<Pattern> patterns = new ArrayList<>();
    f.path("patterns").forEach(p -> patterns.add(Pattern.compile(p.asText())));
    if (patterns.isEmpty()) {
      throw new IllegalArgumentException("patterns must list at least one id pattern");
    }
    List<Backend> backends = new ArrayList<>();
    for (JsonNode b : f.path("backends")) {
      try {
        backends.add(Backend.parse(b.asText()));
      } catch (IllegalArgumentException e) {
        throw new IllegalArgumentException("backends: " + e.getMessage());
      }
    }
    ReasoningStyle reasoning;
    try {
      reasoning =
          ReasoningStyle.valueOf(f.path("reasoning").asText("NONE").toUpperCase(Locale.ROOT));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "reasoning: expected one of "
              + List.of(ReasoningStyle.values())
              + ", got '"
              + f.path("reasoning").asText()
              + "'");
    }
    JsonNode prices = f.path("prices");
    return new ModelFamily(
        name,
        patterns,
        backends,
        f.path("openAiPrefix").asText(""),
        reasoning,
        strings(f, "efforts"),
        f.path("defaultEffort").asText(""),
        positive(f, "maxOutputTokens"),
        f.has("hardCeiling") ? positive(f, "hardCeiling") : 0,
        positive(f, "defaultMaxOutputTokens"),
        reasoningTokens(f),
        new HashSet<>(strings(f, "rejects")),
        new HashSet<>(strings(f, "rejectsWhileReasoning")),
        new HashSet<>(strings(f, "rejectsAtHighEffort")),
        f.path("temperatureTopPExclusive").asBoolean(false),
        f.path("maxStopSequences").asInt(4),
        new ModelFamily.Prices(prices.path("input").asDouble(0), prices.path("output").asDouble(0)),
        f.path("status").asText("routable"));
  }

  private static String required(JsonNode f, String field) {
    String v = f.path(field).asText("");
    if (v.isBlank()) {
      throw new IllegalArgumentException(field + " is required");
    }
    return v;
  }

  private static int positive(JsonNode f, String field) {
    if (!f.path(field).canConvertToInt() || f.path(field).asInt() < 1) {
      throw new IllegalArgumentException(
          field + ": expected a positive whole number, got " + f.path(field));
    }
    return f.path(field).asInt();
  }

  private static Map<String, Integer> reasoningTokens(JsonNode f) {
    Map<String, Integer> out = new LinkedHashMap<>();
    for (Map.Entry<String, JsonNode> e : f.path("reasoningTokens").properties()) {
      if (!e.getValue().canConvertToInt() || e.getValue().asInt() < 0) {
        throw new IllegalArgumentException(
            "reasoningTokens."
                + e.getKey()
                + ": expected a whole number >= 0, got "
                + e.getValue());
      }
      out.put(e.getKey(), e.getValue().asInt());
    }
    return out;
  }

  private static List<String> strings(JsonNode f, String field) {
    List<String> out = new ArrayList<>();
    f.path(field).forEach(v -> out.add(v.asText()));
    return out;
  }
}
