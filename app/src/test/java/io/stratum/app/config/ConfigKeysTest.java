package io.stratum.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.app.Engine;
import io.stratum.dispatch.DispatchSettings;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The key registry: each key declared once, parsed by its declaration, read by its group. */
class ConfigKeysTest {
  @TempDir Path dir;

  private static ModelConfig load(Optional<Path> file, Map<String, String> env) {
    return ConfigLoader.load(file, env, Engine.PROVIDERS);
  }

  private static List<String> problems(Optional<Path> file, Map<String, String> env) {
    try {
      load(file, env);
      return List.of();
    } catch (ConfigException e) {
      return e.problems();
    }
  }

  @Test
  void rejects_a_key_declared_twice_naming_it() {
    KeyRegistry keys = new KeyRegistry();
    keys.key("stratum_node_id", Parser.text()).doc("first");

    assertThatThrownBy(() -> keys.key("stratum_node_id", Parser.bool()).doc("second"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "config key stratum_node_id: declared twice (as stratum_node_id, env STRATUM_STRATUM_NODE_ID)");
  }

  @Test
  void rejects_a_secret_that_would_shadow_a_keys_environment_variable() {
    KeyRegistry keys = new KeyRegistry();
    keys.key("database_password", Parser.text()).doc("a file key");

    assertThatThrownBy(() -> keys.secret("STRATUM_DATABASE_PASSWORD").doc("a secret"))
        .hasMessage(
            "config key STRATUM_DATABASE_PASSWORD: declared twice (as database_password, env STRATUM_DATABASE_PASSWORD)");
  }

  @Test
  void the_registry_declares_every_key_once() {
    List<Key<?>> keys = ConfigKeys.KEYS.keys();

    assertThat(keys).extracting(Key::name).doesNotHaveDuplicates();
    assertThat(keys).extracting(Key::env).doesNotHaveDuplicates();
    assertThat(keys).hasSize(61);
    assertThat(keys)
        .filteredOn(k -> !k.fromFile())
        .extracting(Key::env)
        .containsExactly(
            "STRATUM_OIDC_CLIENT_SECRET",
            "STRATUM_AUDIT_HEC_TOKEN",
            "STRATUM_DATABASE_USER",
            "STRATUM_DATABASE_PASSWORD",
            "STRATUM_INDEX_USER",
            "STRATUM_INDEX_PASSWORD");
  }

  @Test
  void every_default_is_a_value_its_key_accepts() {
    List<String> problems = new ArrayList<>();
    Values values =
        new Values(Map.of(), new Values.Context(Map.of(), dir, Engine.PROVIDERS), problems);

    values.readAll(ConfigKeys.KEYS.keys());

    assertThat(problems).isEmpty();
  }

  @Test
  void every_key_set_in_the_environment_to_a_blank_is_named_with_its_variable() {
    for (Key<?> key : ConfigKeys.KEYS.keys()) {
      if (!key.fromFile()) {
        continue; // a secret is never rejected, so it is never echoed
      }

      List<String> problems = problems(Optional.empty(), Map.of(key.env(), " "));

      assertThat(problems)
          .as(key.name())
          .anySatisfy(
              p ->
                  assertThat(p)
                      .startsWith(key.name() + ": expected ")
                      .endsWith("(env " + key.env() + ")"));
    }
  }

  @Test
  void rejects_a_backend_that_is_neither_converse_nor_responses_naming_the_file_and_line()
      throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("terraform.tfvars"),
            """
            bedrock_advanced_model_id = "openai.gpt-5.5"

            bedrock_default_backend = "respones"
            """);

    assertThat(problems(Optional.of(f), Map.of()))
        .containsExactly(
            "bedrock_default_backend: expected converse|responses, got 'respones' (terraform.tfvars:3)");
  }

  @Test
  void an_unknown_stratum_environment_variable_is_left_alone_as_commands_read_their_own() {
    ModelConfig c =
        load(
            Optional.empty(),
            Map.of(
                "STRATUM_TOKEN", "stt_x",
                "STRATUM_BEDROCK_DEFUALT_BACKEND", "grpc",
                "STRATUM_PORT", "8081"));

    assertThat(c.source()).isEqualTo("embedded defaults");
  }

  @Test
  void a_misspelt_key_of_ours_in_the_file_is_named_with_the_nearest_key() throws Exception {
    Path f = Files.writeString(dir.resolve("t.tfvars"), "oidc_audiance = \"stratum\"\n");

    assertThat(problems(Optional.of(f), Map.of()))
        .startsWith("oidc_audiance: unknown key; did you mean 'oidc_audience'? (t.tfvars:1)");
  }

  @Test
  void a_secret_is_read_from_the_environment_and_never_from_the_file() throws Exception {
    Path f =
        Files.writeString(
            dir.resolve("terraform.tfvars"),
            """
            stratum_database_url = "jdbc:postgresql://db:5432/stratum"
            STRATUM_DATABASE_PASSWORD = "in-the-file"
            """);

    assertThat(problems(Optional.of(f), Map.of("STRATUM_DATABASE_USER", "stratum")))
        .containsExactly(
            "stratum_database_url: set, but STRATUM_DATABASE_PASSWORD is not; the database user and"
                + " password are read from the environment, never from the file (terraform.tfvars:1)");
  }

  @Test
  void a_list_in_the_environment_is_comma_separated_and_remembers_where_it_came_from() {
    ModelConfig c =
        load(
            Optional.empty(),
            Map.of("STRATUM_BEDROCK_CLEARED_MODEL_IDS", "openai.gpt-5.5, openai.gpt-5.4"));

    assertThat(c.dispatch().cleared())
        .contains(
            new DispatchSettings.ClearedModels(
                Set.of("openai.gpt-5.5", "openai.gpt-5.4"),
                "env STRATUM_BEDROCK_CLEARED_MODEL_IDS"));
  }

  @Test
  void a_map_or_a_list_of_objects_in_the_environment_is_read_as_hcl_as_in_a_container() {
    ModelConfig c =
        load(
            Optional.empty(),
            Map.of(
                "STRATUM_OIDC_ISSUER", "https://idp.example.com",
                "STRATUM_OIDC_JWKS_URL", "https://idp.example.com/jwks",
                "STRATUM_OIDC_AUDIENCE", "stratum",
                "STRATUM_OIDC_ROLE_MAP",
                    "{ \"platform-admins\" = \"org_admin\", \"sec-team\" = \"security:member\" }"));

    assertThat(c.oidc().orElseThrow().roleMap())
        .containsExactlyInAnyOrderEntriesOf(
            Map.of("platform-admins", "org_admin", "sec-team", "security:member"));
  }

  @Test
  void a_malformed_hcl_value_in_the_environment_names_the_variable() {
    assertThat(problems(Optional.empty(), Map.of("STRATUM_OIDC_ROLE_MAP", "{ \"a\" = }")))
        .singleElement()
        .satisfies(
            p ->
                assertThat(p)
                    .startsWith("oidc_role_map: ")
                    .endsWith("(env STRATUM_OIDC_ROLE_MAP)"));
  }

  @Test
  void a_region_taken_from_AWS_REGION_is_checked_like_a_set_one() {
    assertThat(load(Optional.empty(), Map.of("AWS_REGION", "eu-west-3")).aws().region())
        .isEqualTo("eu-west-3");
    assertThat(problems(Optional.empty(), Map.of("AWS_REGION", "moon")))
        .containsExactly("aws_region: expected a region like us-east-1, got 'moon' (default)");
  }

  @Test
  void provider_specific_values_are_checked_against_what_the_providers_say_they_accept()
      throws Exception {
    ProviderChoices other =
        new ProviderChoices(
            List.of("acme.embed-v1"), List.of(64), List.of("acme.rerank-v1"), t -> null);
    Path f =
        Files.writeString(
            dir.resolve("terraform.tfvars"),
            """
            bedrock_embedding_model_id   = "acme.embed-v1"
            bedrock_embedding_dimensions = 64
            """);

    RetrievalModels r = ConfigLoader.load(Optional.of(f), Map.of(), other).retrieval();

    assertThat(r.embeddingModelId()).isEqualTo("acme.embed-v1");
    assertThat(r.embeddingDimensions()).isEqualTo(64);
    assertThat(r.rerankModelId()).isEqualTo("acme.rerank-v1");
    assertThatThrownBy(() -> ConfigLoader.load(Optional.of(f), Map.of(), Engine.PROVIDERS))
        .hasMessageContaining(
            "bedrock_embedding_model_id: expected bge-small-en-v1.5-q|amazon.titan-embed-text-v2:0|")
        .hasMessageContaining("bedrock_embedding_dimensions: expected 256|512|1024, got 64");
  }

  @Test
  void with_an_endpoint_both_surfaces_go_there_and_the_source_says_so() {
    ModelConfig c = load(Optional.empty(), Map.of());
    URI sim = URI.create("http://127.0.0.1:4010");

    ModelConfig moved = c.withEndpoint(sim).withModel("openai.gpt-5.5");

    assertThat(moved.aws().runtimeEndpoint()).isEqualTo(sim);
    assertThat(moved.aws().mantleEndpoint()).isEqualTo(sim);
    assertThat(moved.tiers().advanced().modelId()).isEqualTo("openai.gpt-5.5");
    assertThat(moved.tiers().basic().modelId()).isEqualTo("openai.gpt-5.5");
    assertThat(moved.source()).isEqualTo("embedded defaults + endpoint http://127.0.0.1:4010");
    assertThat(moved.retrieval()).isEqualTo(c.retrieval());
  }
}
