package io.stratum.simulator;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The families the simulator plays. Model ids resolve with or without a geography prefix ({@code
 * us.}, {@code eu.}, {@code apac.}, {@code global.}, {@code us-gov.}, {@code jp.}, {@code au.}) and
 * from inference-profile or foundation-model ARNs.
 */
public final class SimCatalog {
  private static final List<String> GEO =
      List.of("us.", "eu.", "apac.", "global.", "us-gov.", "jp.", "au.");

  private final Map<String, SimModel> models = new LinkedHashMap<>();

  /** The default catalog, read from {@code sim-models.json} beside this class. */
  public static SimCatalog standard() {
    try (InputStream in = SimCatalog.class.getResourceAsStream("sim-models.json")) {
      if (in == null) {
        throw new IllegalStateException("sim-models.json is missing from the simulator jar");
      }
      return fromJson(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read sim-models.json", e);
    }
  }

  /** A catalog from JSON: {@code {"models": [{"id", "family", "surfaces", ...}]}}. */
  public static SimCatalog fromJson(InputStream json) throws IOException {
    SimCatalog c = new SimCatalog();
    for (JsonNode m : new ObjectMapper().readTree(json).path("models")) {
      c.add(
          new SimModel(
              m.path("id").asText(),
              m.path("family").asText(),
              Set.copyOf(strings(m, "surfaces").stream().map(Surface::valueOf).toList()),
              strings(m, "openAiPrefixes"),
              m.path("profileOnly").asBoolean(false),
              Thinking.valueOf(m.path("thinking").asText("NONE")),
              strings(m, "efforts"),
              m.path("defaultEffort").asText(""),
              m.path("maxOutputTokens").asInt(4096),
              m.path("maxStopSequences").asInt(4),
              Set.copyOf(strings(m, "rejectedFields")),
              m.path("temperatureAndTopPExclusive").asBoolean(false)));
    }
    return c;
  }

  private static List<String> strings(JsonNode node, String field) {
    List<String> out = new ArrayList<>();
    node.path(field).forEach(v -> out.add(v.asText()));
    return out;
  }

  public void add(SimModel model) {
    models.put(model.id(), model);
  }

  public List<SimModel> models() {
    return List.copyOf(models.values());
  }

  /** A model id as it arrived, resolved to its model and whether it named a profile. */
  public record Resolved(SimModel model, boolean viaProfile) {}

  public Optional<Resolved> resolve(String requested) {
    String id = requested;
    boolean profile = false;
    if (id.startsWith("arn:")) {
      int slash = id.lastIndexOf('/');
      profile =
          id.contains(":inference-profile/") || id.contains(":application-inference-profile/");
      id = slash < 0 ? id : id.substring(slash + 1);
    }
    for (String geo : GEO) {
      if (id.startsWith(geo)) {
        id = id.substring(geo.length());
        profile = true;
        break;
      }
    }
    SimModel m = models.get(id);
    return m == null ? Optional.empty() : Optional.of(new Resolved(m, profile));
  }
}
