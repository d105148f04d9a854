package io.stratum.app.config;

import static io.stratum.app.config.Parser.bool;
import static io.stratum.app.config.Parser.matching;
import static io.stratum.app.config.Parser.number;
import static io.stratum.app.config.Parser.oneOf;
import static io.stratum.app.config.Parser.text;
import static io.stratum.app.config.Parser.url;

import io.stratum.catalog.Backend;
import io.stratum.dispatch.DispatchSettings;
import io.stratum.dispatch.ReasoningEffort;
import io.stratum.retrieval.Retriever;
import java.net.URI;
import java.time.Duration;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.stream.Stream;

/**
 * Every configuration key, each declared once: its name, what it accepts, its default and its line
 * in {@code docs/configuration.md} (generated from here). A key is set in the {@code .tfvars} file
 * or as {@code STRATUM_<NAME>} in the environment, which wins; secrets only in the environment.
 *
 * <p>Adding a key is its declaration here and its use in the group record that reads it:
 *
 * <pre>{@code
 * static final Key<String> NODE_ID =
 *     KEYS.key("stratum_node_id", matching("[A-Za-z0-9_.:@-]{1,128}", "a name of ..."))
 *         .unset("the host name")
 *         .doc("names this server on the model calls it reserves ...");
 * // StorageSettings.read: String node = v.get(ServiceKeys.NODE_ID);
 * }</pre>
 */
final class ConfigKeys {
  private ConfigKeys() {}

  static final KeyRegistry KEYS = new KeyRegistry();

  // The tiers: advanced writes answers, basic serves light work (ModelTiers).

  static final Key<String> ADVANCED_MODEL =
      KEYS.key("bedrock_advanced_model_id", text())
          .orElse(ModelConfig.LOCAL_MODEL)
          .doc(
              "the model that writes answers; the default, an in-process extractive model, runs offline");
  static final Key<String> BASIC_MODEL =
      KEYS.key("bedrock_basic_model_id", text())
          .unset("the advanced model")
          .doc("the cheaper model for light work");
  static final Key<ReasoningEffort> ADVANCED_EFFORT =
      KEYS.key("bedrock_advanced_reasoning_effort", effort())
          .unset("the family's default")
          .doc("the advanced tier's reasoning effort, normalized per family");
  static final Key<ReasoningEffort> BASIC_EFFORT =
      KEYS.key("bedrock_basic_reasoning_effort", effort())
          .unset("the family's default")
          .doc("the basic tier's reasoning effort, normalized per family");
  static final Key<Double> ADVANCED_INPUT_PRICE =
      KEYS.key("bedrock_advanced_input_price", price())
          .unset("the catalog's list price")
          .doc("USD per 1M input tokens on the advanced tier (a negotiated rate)");
  static final Key<Double> ADVANCED_OUTPUT_PRICE =
      KEYS.key("bedrock_advanced_output_price", price())
          .unset("the catalog's list price")
          .doc("USD per 1M output tokens on the advanced tier");
  static final Key<Double> BASIC_INPUT_PRICE =
      KEYS.key("bedrock_basic_input_price", price())
          .unset("the catalog's list price")
          .doc("USD per 1M input tokens on the basic tier");
  static final Key<Double> BASIC_OUTPUT_PRICE =
      KEYS.key("bedrock_basic_output_price", price())
          .unset("the catalog's list price")
          .doc("USD per 1M output tokens on the basic tier");

  // The dispatcher (DispatchSettings).

  static final Key<Backend> DEFAULT_BACKEND =
      KEYS.key(
              "bedrock_default_backend",
              oneOf(List.of("converse", "responses")).then("converse|responses", Backend::parse))
          .orElse("converse")
          .doc(
              "the surface for models the catalog does not pin, and the choice among the surfaces a family offers");
  static final Key<DispatchSettings.ClearedModels> CLEARED_MODELS =
      KEYS.key("bedrock_cleared_model_ids", cleared())
          .envList()
          .unset("unset (no restriction)")
          .doc(
              "the security team's approved list: a tier outside it fails at startup and a per-request model outside it is refused, naming the list and its file and line (`a,b` in the environment)");
  static final Key<Boolean> STRICT_PARAMS =
      KEYS.key("bedrock_strict_params", bool())
          .orElse(false)
          .doc("refuse, instead of dropping, a parameter the model rejects");
  static final Key<Duration> KEEPALIVE =
      KEYS.key("bedrock_stream_keepalive_seconds", seconds())
          .orElse(10)
          .doc("keepalive interval while a model is silent (SSE `: keepalive` comments)");
  static final Key<Duration> FIRST_BYTE_TIMEOUT =
      KEYS.key("bedrock_first_byte_timeout_seconds", seconds())
          .orElse(60)
          .doc("deadline for a model's first byte");
  static final Key<Duration> IDLE_TIMEOUT =
      KEYS.key("bedrock_idle_timeout_seconds", seconds())
          .orElse(300)
          .doc("deadline for silence between a model's events; keepalives do not reset it");
  static final Key<Duration> TOTAL_TIMEOUT =
      KEYS.key("bedrock_total_timeout_seconds", seconds())
          .orElse(900)
          .doc("deadline for a whole model call, retries included");

  // Where AWS is reached (AwsSettings).

  static final Key<String> REGION =
      KEYS.key(
              "aws_region",
              matching("[a-z]{2}(-gov|-iso[a-z]*)?-[a-z]+-\\d", "a region like us-east-1"))
          .orElseEnv("AWS_REGION", "us-east-1")
          .doc("region of the Bedrock endpoints, KMS and Kinesis");
  static final Key<URI> RUNTIME_ENDPOINT =
      KEYS.key("bedrock_endpoint_url", url())
          .unset("AWS")
          .doc("overrides the bedrock-runtime endpoint (the simulator, a VPC endpoint)");
  static final Key<URI> MANTLE_ENDPOINT =
      KEYS.key("bedrock_mantle_endpoint_url", url())
          .unset("AWS")
          .doc("overrides the bedrock-mantle endpoint of the OpenAI-compatible surfaces");
  static final Key<String> MANTLE_SIGNING_NAME =
      KEYS.key("bedrock_mantle_signing_name", text())
          .orElse("bedrock-mantle")
          .doc("SigV4 signing name for the OpenAI-compatible surfaces");
  static final Key<String> MANTLE_API_KEY_SSM_PARAM =
      KEYS.key(
              "mantle_api_key_ssm_param",
              text()
                  .then(
                      "an SSM parameter name starting with '/'", s -> s.startsWith("/") ? s : null))
          .unset("unset (`AWS_BEARER_TOKEN_BEDROCK`, else SigV4)")
          .doc(
              "the SSM SecureString holding the Bedrock API key: read with decryption at startup (default credential chain), kept in memory, never logged, and read again when Bedrock refuses the key (401/403), so a rotation needs no restart; it wins over `AWS_BEARER_TOKEN_BEDROCK`");
  static final Key<Duration> MODELS_REFRESH =
      KEYS.key(
              "bedrock_models_refresh_minutes",
              number("a number of minutes > 0", d -> d > 0)
                  .then("a number of minutes > 0", d -> Duration.ofMillis((long) (d * 60_000))))
          .unset("never (run `stratum models refresh`)")
          .doc(
              "how often `stratum serve` lists the Mantle endpoint's models and logs which ones the catalog covers (validated, routable, unknown); it never changes what may be called");
  static final Key<URI> SSM_ENDPOINT =
      KEYS.key("ssm_endpoint_url", url())
          .unset("AWS")
          .doc("overrides the SSM endpoint (a VPC endpoint, the simulator)");

  // Retrieval (RetrievalModels).

  static final Key<String> EMBEDDING_MODEL =
      KEYS.key(
              "bedrock_embedding_model_id",
              oneOf(
                  c ->
                      Stream.concat(
                              Stream.of(RetrievalModels.LOCAL_EMBEDDING),
                              c.embeddingModels().stream())
                          .toList()))
          .orElse(RetrievalModels.LOCAL_EMBEDDING)
          .doc(
              "the embedding model (the default runs in the jar). Changing it means re-embedding: the index refuses to open with another model");
  static final Key<Integer> EMBEDDING_DIMENSIONS =
      KEYS.key("bedrock_embedding_dimensions", dimensions())
          .orElse(1024)
          .doc("Titan v2's vector size; the other models have one size");
  static final Key<String> RERANK_MODEL =
      KEYS.key("bedrock_rerank_model_id", oneOf(ProviderChoices::rerankModels))
          .orElseFromProviders(c -> c.rerankModels().get(0))
          .doc("the rerank model");
  static final Key<Boolean> RERANK_ENABLED =
      KEYS.key("bedrock_rerank_enabled", bool())
          .orElse(false)
          .doc("rerank the best 20 fused passages with Bedrock before answering");
  static final Key<Double> LEXICAL_WEIGHT =
      KEYS.key("stratum_lexical_weight", number("a number >= 0", d -> d >= 0))
          .orElse(Retriever.Fusion.RRF.lexicalWeight())
          .doc(
              "the fusion: a chunk scores `lexical_weight/(k + BM25 rank) + vector_weight/(k + vector rank)`; tune it with `stratum eval ... --lexical-weight W`");
  static final Key<Double> VECTOR_WEIGHT =
      KEYS.key("stratum_vector_weight", number("a number >= 0", d -> d >= 0))
          .orElse(Retriever.Fusion.RRF.vectorWeight())
          .doc("the vector list's weight in the fusion (not both weights 0)");
  static final Key<Integer> RRF_K =
      KEYS.key(
              "stratum_rrf_k",
              number("a number >= 0", d -> d >= 0)
                  .then(
                      "a whole number >= 1",
                      d -> d >= 1 && d == Math.rint(d) ? d.intValue() : null))
          .orElse(Retriever.Fusion.RRF.k())
          .doc("the fusion's k (60 with weights 1: plain RRF); `stratum eval ... --rrf-k N`");

  static {
    ServiceKeys.load(); // registers the rest, after these, in the same registry
  }

  private static Parser<ReasoningEffort> effort() {
    return text()
        .then(
            "none|minimal|low|medium|high|xhigh",
            s -> {
              try {
                return ReasoningEffort.parse(s);
              } catch (IllegalArgumentException e) {
                return null;
              }
            });
  }

  private static Parser<Double> price() {
    return number("a price in USD per 1M tokens (a number >= 0)", d -> d >= 0);
  }

  private static Parser<Duration> seconds() {
    return number("a number of seconds > 0", d -> d > 0)
        .then("a number of seconds > 0", d -> Duration.ofMillis((long) (d * 1000)));
  }

  private static Parser<Integer> dimensions() {
    return Parser.of(
        c -> String.join("|", c.embeddingDimensions().stream().map(String::valueOf).toList()),
        (raw, f) -> {
          Double n = Field.number(raw);
          boolean ok =
              n != null
                  && n == Math.rint(n)
                  && f.choices().embeddingDimensions().contains(n.intValue());
          return ok ? n.intValue() : null;
        });
  }

  private static Parser<DispatchSettings.ClearedModels> cleared() {
    return Parser.of(
        c -> "a non-empty list of model ids",
        (raw, f) -> {
          if (!(raw instanceof List<?> l)
              || l.isEmpty()
              || !l.stream().allMatch(x -> x instanceof String s && !s.isBlank())) {
            return null;
          }
          return new DispatchSettings.ClearedModels(
              new LinkedHashSet<>(l.stream().map(String::valueOf).toList()), f.where());
        });
  }
}
