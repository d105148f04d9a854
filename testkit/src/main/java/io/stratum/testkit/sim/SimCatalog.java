package io.stratum.testkit.sim;

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
  private static final List<String> OPENAI_PREFIXES = List.of("/v1", "/openai/v1");
  private static final List<String> GPT5_PREFIXES = List.of("/openai/v1");

  private final Map<String, SimModel> models = new LinkedHashMap<>();

  /** The default catalog. */
  public static SimCatalog standard() {
    SimCatalog c = new SimCatalog();
    Set<Surface> converse = Set.of(Surface.CONVERSE);
    Set<String> none = Set.of();
    c.add(
        new SimModel(
            "anthropic.claude-sonnet-4-5-20250929-v1:0",
            "claude",
            converse,
            List.of(),
            false,
            Thinking.CLAUDE_BUDGET,
            List.of(),
            "",
            64_000,
            8191,
            none,
            true));
    c.add(
        new SimModel(
            "anthropic.claude-haiku-4-5-20251001-v1:0",
            "claude",
            converse,
            List.of(),
            false,
            Thinking.CLAUDE_BUDGET,
            List.of(),
            "",
            64_000,
            8191,
            none,
            true));
    c.add(
        new SimModel(
            "anthropic.claude-sonnet-4-6",
            "claude",
            converse,
            List.of(),
            false,
            Thinking.CLAUDE_ADAPTIVE,
            List.of("low", "medium", "high", "xhigh", "max"),
            "high",
            64_000,
            8191,
            none,
            true));
    c.add(
        new SimModel(
            "anthropic.claude-opus-4-7",
            "claude",
            converse,
            List.of(),
            false,
            Thinking.CLAUDE_ADAPTIVE_ONLY,
            List.of("low", "medium", "high", "xhigh", "max"),
            "high",
            128_000,
            8191,
            none,
            false));
    c.add(
        new SimModel(
            "amazon.nova-lite-v1:0",
            "nova",
            converse,
            List.of(),
            false,
            Thinking.NONE,
            List.of(),
            "",
            10_000,
            4,
            Set.of("top_k", "topK"),
            false));
    c.add(
        new SimModel(
            "amazon.nova-2-lite-v1:0",
            "nova",
            converse,
            List.of(),
            false,
            Thinking.NOVA_REASONING,
            List.of("low", "medium", "high"),
            "",
            65_536,
            4,
            Set.of("top_k", "topK"),
            false));
    c.add(
        new SimModel(
            "meta.llama3-3-70b-instruct-v1:0",
            "llama",
            converse,
            List.of(),
            false,
            Thinking.NONE,
            List.of(),
            "",
            8_192,
            4,
            Set.of("top_k", "topK"),
            false));
    c.add(
        new SimModel(
            "mistral.mistral-large-2407-v1:0",
            "mistral",
            converse,
            List.of(),
            false,
            Thinking.NONE,
            List.of(),
            "",
            8_192,
            10,
            Set.of("top_k", "topK"),
            false));
    c.add(
        new SimModel(
            "cohere.command-r-plus-v1:0",
            "cohere",
            converse,
            List.of(),
            false,
            Thinking.NONE,
            List.of(),
            "",
            4_000,
            4,
            Set.of("top_k", "topK"),
            false));
    c.add(
        new SimModel(
            "deepseek.r1-v1:0",
            "deepseek",
            converse,
            List.of(),
            true,
            Thinking.ALWAYS,
            List.of(),
            "",
            32_768,
            4,
            none,
            false));
    c.add(
        new SimModel(
            "openai.gpt-oss-120b-1:0",
            "gpt-oss",
            converse,
            List.of(),
            false,
            Thinking.GPT_OSS,
            List.of("low", "medium", "high"),
            "medium",
            32_768,
            4,
            Set.of("thinking"),
            false));
    c.add(
        new SimModel(
            "openai.gpt-oss-120b",
            "gpt-oss",
            Set.of(Surface.RESPONSES, Surface.CHAT),
            OPENAI_PREFIXES,
            false,
            Thinking.GPT_OSS,
            List.of("low", "medium", "high"),
            "medium",
            32_768,
            4,
            none,
            false));
    c.add(
        new SimModel(
            "openai.gpt-oss-20b",
            "gpt-oss",
            Set.of(Surface.RESPONSES, Surface.CHAT),
            OPENAI_PREFIXES,
            false,
            Thinking.GPT_OSS,
            List.of("low", "medium", "high"),
            "medium",
            32_768,
            4,
            none,
            false));
    c.add(
        new SimModel(
            "openai.gpt-5.4",
            "gpt-5",
            Set.of(Surface.RESPONSES),
            GPT5_PREFIXES,
            false,
            Thinking.GPT5,
            List.of("minimal", "low", "medium", "high"),
            "medium",
            128_000,
            4,
            none,
            false));
    c.add(
        new SimModel(
            "openai.gpt-5.5",
            "gpt-5",
            Set.of(Surface.RESPONSES),
            GPT5_PREFIXES,
            false,
            Thinking.GPT5,
            List.of("none", "low", "medium", "high", "xhigh"),
            "none",
            128_000,
            4,
            none,
            false));
    c.add(
        new SimModel(
            "qwen.qwen3-32b",
            "qwen",
            Set.of(Surface.CHAT, Surface.RESPONSES),
            OPENAI_PREFIXES,
            false,
            Thinking.ALWAYS,
            List.of(),
            "",
            32_768,
            4,
            none,
            false));
    c.add(
        new SimModel(
            "deepseek.v3.1",
            "deepseek",
            Set.of(Surface.CHAT),
            OPENAI_PREFIXES,
            false,
            Thinking.NONE,
            List.of(),
            "",
            32_768,
            4,
            none,
            false));
    return c;
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
