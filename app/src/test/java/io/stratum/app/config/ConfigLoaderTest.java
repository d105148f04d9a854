package io.stratum.app.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.app.Engine;
import io.stratum.catalog.Backend;
import io.stratum.dispatch.ReasoningEffort;
import io.stratum.retrieval.Retriever;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigLoaderTest {
  @TempDir Path dir;

  private static ModelConfig load(Optional<Path> file, Map<String, String> env) {
    return ConfigLoader.load(file, env, Engine.PROVIDERS);
  }

  private Path write(String name, String text) throws Exception {
    return Files.writeString(dir.resolve(name), text);
  }

  @Test
  void reads_the_three_tfvars_that_choose_the_models() throws Exception {
    Path f =
        write(
            "terraform.tfvars",
            """
            bedrock_advanced_model_id = "openai.gpt-5.5"
            bedrock_basic_model_id    = "openai.gpt-5.4"  # the cheaper sibling
            bedrock_default_backend   = "responses"
            """);

    ModelConfig c = load(Optional.of(f), Map.of());

    assertThat(c.tiers().advanced().modelId()).isEqualTo("openai.gpt-5.5");
    assertThat(c.tiers().basic().modelId()).isEqualTo("openai.gpt-5.4");
    assertThat(c.dispatch().defaultBackend()).isEqualTo(Backend.RESPONSES);
    assertThat(c.tiers().localOnly()).isFalse();
  }

  @Test
  void without_a_file_everything_runs_on_the_local_model() {
    ModelConfig c = load(Optional.empty(), Map.of());

    assertThat(c.tiers().advanced().modelId()).isEqualTo("stratum-local-extractive");
    assertThat(c.tiers().localOnly()).isTrue();
    assertThat(c.dispatch().defaultBackend()).isEqualTo(Backend.CONVERSE);
  }

  @Test
  void reports_every_problem_at_once_with_file_and_line() throws Exception {
    Path f =
        write(
            "terraform.tfvars",
            """
            // deployment
            bedrock_advanced_model_id = "openai.gpt-5.5"
            bedrock_default_backend = "respones"
            bedrock_basic_input_price = "cheap"
            bedrock_advanced_reasoning_effort = "extreme"
            bedrock_defualt_backend = "converse"
            environment = "prd"
            """);

    assertThatThrownBy(() -> load(Optional.of(f), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessage(
            String.join(
                "\n",
                "bedrock_defualt_backend: unknown key; did you mean 'bedrock_default_backend'? (terraform.tfvars:6)",
                "bedrock_default_backend: expected converse|responses, got 'respones' (terraform.tfvars:3)",
                "bedrock_basic_input_price: expected a price in USD per 1M tokens (a number >= 0), got 'cheap' (terraform.tfvars:4)",
                "bedrock_advanced_reasoning_effort: expected none|minimal|low|medium|high|xhigh, got 'extreme' (terraform.tfvars:5)"));
  }

  @Test
  void audit_sinks_are_read_relative_to_the_file_and_the_hec_token_only_from_the_environment()
      throws Exception {
    Path f =
        write(
            "terraform.tfvars",
            """
            stratum_audit_jsonl_dir       = "siem"
            stratum_audit_jsonl_rotate_mb = 10
            stratum_audit_hec_url         = "https://splunk.example:8088"
            stratum_audit_kinesis_stream  = "stratum-audit"
            """);

    AuditExportSettings s =
        load(Optional.of(f), Map.of("STRATUM_AUDIT_HEC_TOKEN", "x")).audit().export();

    assertThat(s)
        .isEqualTo(
            new AuditExportSettings(
                f.getParent().toAbsolutePath().resolve("siem"),
                10L << 20,
                URI.create("https://splunk.example:8088"),
                "stratum-audit",
                null));
  }

  @Test
  void bad_audit_sinks_are_reported_together() throws Exception {
    Path f =
        write(
            "terraform.tfvars",
            """
            stratum_audit_jsonl_rotate_mb = 0.5
            stratum_audit_hec_url         = "https://splunk.example:8088"
            stratum_audit_kinesis_stream  = "audit stream"
            """);

    assertThatThrownBy(() -> load(Optional.of(f), Map.of()))
        .hasMessage(
            String.join(
                "\n",
                "stratum_audit_jsonl_rotate_mb: expected a whole number of megabytes >= 1, got 0.5 (terraform.tfvars:1)",
                "stratum_audit_hec_url: set, but STRATUM_AUDIT_HEC_TOKEN is not; the HEC token is read from the environment, never from the file (terraform.tfvars:2)",
                "stratum_audit_kinesis_stream: expected a Kinesis stream name ([a-zA-Z0-9_.-], 1-128), got 'audit stream' (terraform.tfvars:3)"));
  }

  @Test
  void retrieval_models_default_to_the_in_jar_embedder_without_rerank() {
    RetrievalModels r = load(Optional.empty(), Map.of()).retrieval();

    assertThat(r)
        .isEqualTo(
            new RetrievalModels(
                "bge-small-en-v1.5-q", 1024, false, "cohere.rerank-v3-5:0", Retriever.Fusion.RRF));
    assertThat(r.localEmbedding()).isTrue();
  }

  @Test
  void reads_bedrock_embedding_and_rerank_choices() throws Exception {
    Path f =
        write(
            "terraform.tfvars",
            """
            bedrock_embedding_model_id   = "amazon.titan-embed-text-v2:0"
            bedrock_embedding_dimensions = 512
            bedrock_rerank_enabled       = true
            stratum_rrf_k                = 20
            stratum_vector_weight        = 1.5
            """);

    RetrievalModels r = load(Optional.of(f), Map.of()).retrieval();

    assertThat(r)
        .isEqualTo(
            new RetrievalModels(
                "amazon.titan-embed-text-v2:0",
                512,
                true,
                "cohere.rerank-v3-5:0",
                new Retriever.Fusion(20, 1.0, 1.5)));
  }

  @Test
  void names_every_bad_retrieval_model_setting_at_once() throws Exception {
    Path f =
        write(
            "terraform.tfvars",
            """
            bedrock_embedding_model_id   = "amazon.titan-embed-text-v1"
            bedrock_embedding_dimensions = 768
            bedrock_rerank_enabled       = "yes"
            bedrock_rerank_model_id      = "amazon.rerank-v1:0"
            stratum_rrf_k                = 2.5
            stratum_lexical_weight       = -1
            """);

    assertThatThrownBy(() -> load(Optional.of(f), Map.of()))
        .hasMessage(
            String.join(
                "\n",
                "bedrock_embedding_model_id: expected bge-small-en-v1.5-q|amazon.titan-embed-text-v2:0|cohere.embed-english-v3|cohere.embed-multilingual-v3, got 'amazon.titan-embed-text-v1' (terraform.tfvars:1)",
                "bedrock_embedding_dimensions: expected 256|512|1024, got 768 (terraform.tfvars:2)",
                "bedrock_rerank_model_id: expected cohere.rerank-v3-5:0, got 'amazon.rerank-v1:0' (terraform.tfvars:4)",
                "bedrock_rerank_enabled: expected true|false, got 'yes' (terraform.tfvars:3)",
                "stratum_lexical_weight: expected a number >= 0, got -1 (terraform.tfvars:6)",
                "stratum_rrf_k: expected a whole number >= 1, got 2.5 (terraform.tfvars:5)"));
  }

  @Test
  void a_sources_block_names_what_ingest_reads_with_paths_from_the_files_directory()
      throws Exception {
    Files.createDirectories(dir.resolve("runbooks"));
    Files.writeString(dir.resolve("issues.csv"), "Summary,Issue key\n");
    Path f =
        write(
            "terraform.tfvars",
            """
            stratum_sources = [
              { kind = "runbooks", path = "runbooks", workspace = "operations" },
              { kind = "jira", jql = "project = OPS", workspace = "operations" },
              { kind = "jira-export", path = "issues.csv", workspace = "tickets" },
            ]
            """);

    ModelConfig c = load(Optional.of(f), Map.of());

    assertThat(c.sources())
        .extracting(SourceSpec::kind, SourceSpec::target, SourceSpec::workspace)
        .containsExactly(
            Tuple.tuple("runbooks", dir.resolve("runbooks").toString(), "operations"),
            Tuple.tuple("jira", "project = OPS", "operations"),
            Tuple.tuple("jira-export", dir.resolve("issues.csv").toString(), "tickets"));
  }

  @Test
  void a_source_is_synced_hourly_unless_its_interval_says_otherwise() throws Exception {
    Files.createDirectories(dir.resolve("runbooks"));
    Path f =
        write(
            "terraform.tfvars",
            """
            stratum_sources = [
              { kind = "runbooks", path = "runbooks", workspace = "operations", interval = "15m" },
              { kind = "runbooks", path = "runbooks", workspace = "ops" },
              { kind = "runbooks", path = "runbooks", workspace = "nightly", interval = "1d" },
            ]
            """);

    assertThat(load(Optional.of(f), Map.of()).sources())
        .extracting(SourceSpec::interval)
        .containsExactly(Duration.ofMinutes(15), Duration.ofHours(1), Duration.ofDays(1));
  }

  @Test
  void an_interval_that_is_not_a_duration_of_a_minute_or_more_is_named_with_its_value()
      throws Exception {
    Files.createDirectories(dir.resolve("runbooks"));
    Path f =
        write(
            "terraform.tfvars",
            """
            # sources
            stratum_sources = [
              { kind = "runbooks", path = "runbooks", workspace = "a", interval = "x" },
              { kind = "runbooks", path = "runbooks", workspace = "b", interval = "30s" },
              { kind = "runbooks", path = "runbooks", workspace = "c", interval = 15 },
            ]
            """);

    assertThatThrownBy(() -> load(Optional.of(f), Map.of()))
        .hasMessage(
            String.join(
                "\n",
                "stratum_sources[0].interval: expected a duration like 15m or 1h (>= 1m), got 'x' (terraform.tfvars:2)",
                "stratum_sources[1].interval: expected a duration like 15m or 1h (>= 1m), got '30s' (terraform.tfvars:2)",
                "stratum_sources[2].interval: expected a duration like 15m or 1h (>= 1m), got 15 (terraform.tfvars:2)"));
  }

  @Test
  void every_bad_source_is_named_with_its_position_at_once() throws Exception {
    Path f =
        write(
            "terraform.tfvars",
            """
            stratum_sources = [
              { kind = "runbook", path = "runbooks", workspace = "operations" },
              { kind = "adr", path = "no-such-dir", workspace = "Architecture" },
              { kind = "jira", workspace = "ops" },
              { kind = "oscal", pth = "catalog.json", workspace = "compliance" },
              "markdown:docs",
            ]
            """);

    assertThatThrownBy(() -> load(Optional.of(f), Map.of()))
        .hasMessage(
            String.join(
                "\n",
                "stratum_sources[0].kind: expected markdown|adr|runbooks|oscal|code|jira|confluence|jira-export|confluence-export, got 'runbook' (terraform.tfvars:1)",
                "stratum_sources[1].path: no such file or directory '%s' (terraform.tfvars:1)"
                    .formatted(dir.resolve("no-such-dir")),
                "stratum_sources[1].workspace: expected lower-case letters, digits and '-' (1 to 64, starting with a letter or digit), got 'Architecture' (terraform.tfvars:1)",
                "stratum_sources[2].jql: required for kind 'jira', got null (terraform.tfvars:1)",
                "stratum_sources[3].pth: unknown key for kind 'oscal'; expected kind, path, workspace, interval (terraform.tfvars:1)",
                "stratum_sources[3].path: required for kind 'oscal', got null (terraform.tfvars:1)",
                "stratum_sources[4]: expected a map like { kind = \"runbooks\", path = \"runbooks/\", workspace = \"operations\" }, got 'markdown:docs' (terraform.tfvars:1)"));
  }

  @Test
  void an_oidc_block_needs_issuer_jwks_and_audience_and_valid_role_targets() throws Exception {
    Path f =
        write(
            "terraform.tfvars",
            """
            oidc_jwks_url = "ldap://idp"
            oidc_role_map = {
              "sec-team" = "security:owner"
              "admins"   = "root"
            }
            """);

    assertThatThrownBy(() -> load(Optional.of(f), Map.of()))
        .hasMessage(
            String.join(
                "\n",
                "oidc_jwks_url: expected an http(s) URL, got 'ldap://idp' (terraform.tfvars:1)",
                "oidc_issuer: required when OIDC is configured (oidc_jwks_url is set at terraform.tfvars:1)",
                "oidc_audience: required when OIDC is configured (oidc_jwks_url is set at terraform.tfvars:1)",
                "oidc_role_map.sec-team: expected org_admin or WORKSPACE:viewer|member|workspace_admin, got 'security:owner' (terraform.tfvars:2)",
                "oidc_role_map.admins: expected org_admin or WORKSPACE:viewer|member|workspace_admin, got 'root' (terraform.tfvars:2)"));
  }

  @Test
  void a_kms_key_arn_is_read_and_a_malformed_one_named() throws Exception {
    Path good =
        write(
            "good.tfvars",
            "kms_key_arn = \"arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab\"\n");
    Path bad = write("bad.tfvars", "kms_key_arn = \"alias/audit\"\n");

    assertThat(load(Optional.of(good), Map.of()).audit().kmsKeyArn())
        .isEqualTo("arn:aws:kms:us-east-1:111122223333:key/1234abcd-12ab-34cd-56ef-1234567890ab");
    assertThatThrownBy(() -> load(Optional.of(bad), Map.of()))
        .hasMessage(
            "kms_key_arn: expected a KMS key or alias ARN (arn:aws:kms:REGION:ACCOUNT:key/ID), got 'alias/audit' (bad.tfvars:1)");
  }

  @Test
  void environment_overrides_win_over_the_file_and_are_named_when_wrong() throws Exception {
    Path f = write("terraform.tfvars", "bedrock_default_backend = \"converse\"\n");

    ModelConfig ok = load(Optional.of(f), Map.of("STRATUM_BEDROCK_DEFAULT_BACKEND", "responses"));

    assertThat(ok.dispatch().defaultBackend()).isEqualTo(Backend.RESPONSES);
    assertThatThrownBy(
            () -> load(Optional.of(f), Map.of("STRATUM_BEDROCK_DEFAULT_BACKEND", "grpc")))
        .hasMessage(
            "bedrock_default_backend: expected converse|responses, got 'grpc' (env STRATUM_BEDROCK_DEFAULT_BACKEND)");
  }

  @Test
  void a_tier_outside_the_cleared_list_fails_at_startup_naming_the_list() throws Exception {
    Path f =
        write(
            "terraform.tfvars",
            """
            bedrock_advanced_model_id = "us.anthropic.claude-opus-4-7"
            bedrock_basic_model_id = "us.anthropic.claude-haiku-4-5-20251001-v1:0"
            bedrock_cleared_model_ids = [
              "anthropic.claude-haiku-4-5-20251001-v1:0",
              "openai.gpt-5.5",
            ]
            """);

    assertThatThrownBy(() -> load(Optional.of(f), Map.of()))
        .hasMessage(
            "bedrock_advanced_model_id: model 'us.anthropic.claude-opus-4-7' is not in bedrock_cleared_model_ids (terraform.tfvars:3) (terraform.tfvars:1)");
  }

  @Test
  void reads_tfvars_json_with_line_numbers() throws Exception {
    Path f =
        write(
            "terraform.tfvars.json",
            """
            {
              "bedrock_advanced_model_id": "openai.gpt-5.5",
              "bedrock_stream_keepalive_seconds": 0.5,
              "bedrock_strict_params": "yes"
            }
            """);

    assertThatThrownBy(() -> load(Optional.of(f), Map.of()))
        .hasMessage(
            "bedrock_strict_params: expected true|false, got 'yes' (terraform.tfvars.json:4)");
  }

  @Test
  void timing_and_effort_keys_reach_the_dispatch_settings() throws Exception {
    Path f =
        write(
            "terraform.tfvars",
            """
            bedrock_advanced_model_id = "openai.gpt-5.5"
            bedrock_advanced_reasoning_effort = "high"
            bedrock_stream_keepalive_seconds = 0.5
            bedrock_idle_timeout_seconds = 600
            bedrock_strict_params = true
            """);

    ModelConfig c = load(Optional.of(f), Map.of());

    assertThat(c.tiers().advanced().effort()).isEqualTo(ReasoningEffort.HIGH);
    assertThat(c.dispatch().keepAlive()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.dispatch().idle()).isEqualTo(Duration.ofSeconds(600));
    assertThat(c.dispatch().strict()).isTrue();
  }

  @Test
  void a_syntax_error_names_the_file_line_and_column() throws Exception {
    Path f = write("terraform.tfvars", "bedrock_advanced_model_id = openai.gpt-5.5\n");

    assertThatThrownBy(() -> load(Optional.of(f), Map.of()))
        .hasMessage(
            "terraform.tfvars: line 1:29: 'openai' is not a value; quote strings (\"openai\"), tfvars takes literals only");
  }

  @Test
  void a_missing_config_file_is_named() {
    Path missing = dir.resolve("nope.tfvars");

    assertThatThrownBy(() -> load(Optional.of(missing), Map.of()))
        .hasMessage("config: no such file: " + missing);
  }

  @Test
  void postgresql_is_named_in_the_file_and_its_credentials_come_only_from_the_environment()
      throws Exception {
    Path f =
        write(
            "terraform.tfvars",
            """
            stratum_database_url = "jdbc:postgresql://db.internal:5432/stratum"
            stratum_node_id      = "app-1"
            """);

    ModelConfig c =
        load(
            Optional.of(f),
            Map.of("STRATUM_DATABASE_USER", "stratum", "STRATUM_DATABASE_PASSWORD", "s3cret"));

    assertThat(c.storage())
        .isEqualTo(
            new StorageSettings(
                "jdbc:postgresql://db.internal:5432/stratum",
                "stratum",
                "s3cret",
                "app-1",
                Duration.ofSeconds(60)));
    assertThat(c.storage().toString())
        .isEqualTo("PostgreSQL at jdbc:postgresql://db.internal:5432/stratum as stratum")
        .doesNotContain("s3cret");
    assertThat(load(Optional.empty(), Map.of()).storage()).isEqualTo(StorageSettings.EMBEDDED);
  }

  @Test
  void a_bad_database_url_a_password_in_it_and_missing_credentials_are_all_reported_at_once()
      throws Exception {
    Path bad = write("bad.tfvars", "stratum_database_url = \"postgres://db:5432/stratum\"\n");
    Path leaky =
        write(
            "leaky.tfvars",
            "stratum_node_id = \"app 1\"\n"
                + "stratum_database_url = \"jdbc:postgresql://db:5432/stratum?password=hunter2\"\n");

    assertThatThrownBy(() -> load(Optional.of(bad), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "stratum_database_url: expected a PostgreSQL JDBC URL (jdbc:postgresql://HOST:PORT/DB),"
                + " got 'postgres://db:5432/stratum' (bad.tfvars:1)");
    assertThatThrownBy(() -> load(Optional.of(leaky), Map.of()))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .containsExactly(
                        "stratum_node_id: expected a name of letters, digits and _ . : @ - (1-128),"
                            + " got 'app 1' (leaky.tfvars:1)",
                        "stratum_database_url: carries a password; put it in"
                            + " STRATUM_DATABASE_PASSWORD instead, never in the file (leaky.tfvars:2)",
                        "stratum_database_url: set, but STRATUM_DATABASE_USER is not; the database"
                            + " user and password are read from the environment, never from the file"
                            + " (leaky.tfvars:2)",
                        "stratum_database_url: set, but STRATUM_DATABASE_PASSWORD is not; the"
                            + " database user and password are read from the environment, never from"
                            + " the file (leaky.tfvars:2)"));
  }

  @Test
  void allowed_origins_are_read_from_the_file_or_the_environment_and_a_path_is_refused()
      throws Exception {
    Path f =
        write(
            "terraform.tfvars",
            """
            stratum_allowed_origins = ["https://App.example.com/", "http://10.0.0.5:8080"]
            """);
    Path bad = write("bad.tfvars", "stratum_allowed_origins = [\"https://app.example.com/ui\"]\n");

    assertThat(load(Optional.of(f), Map.of()).browser().allowedOrigins())
        .containsExactly("https://app.example.com", "http://10.0.0.5:8080");
    assertThat(
            load(
                    Optional.empty(),
                    Map.of(
                        "STRATUM_STRATUM_ALLOWED_ORIGINS", "https://a.example, https://b.example"))
                .browser()
                .allowedOrigins())
        .containsExactly("https://a.example", "https://b.example");
    assertThat(load(Optional.empty(), Map.of()).browser().allowedOrigins()).isEmpty();
    assertThatThrownBy(() -> load(Optional.of(bad), Map.of()))
        .hasMessage(
            "stratum_allowed_origins: expected a list of origins like https://app.example.com"
                + " (scheme://host[:port], no path), got [https://app.example.com/ui] (bad.tfvars:1)");
  }

  @Test
  void opensearch_is_named_in_the_file_and_basic_credentials_come_only_from_the_environment()
      throws Exception {
    Path f =
        write(
            "terraform.tfvars",
            """
            stratum_index_url    = "https://search.internal:9200"
            stratum_index_prefix = "team-a"
            """);

    ModelConfig c =
        load(
            Optional.of(f),
            Map.of("STRATUM_INDEX_USER", "stratum", "STRATUM_INDEX_PASSWORD", "s3cret"));

    assertThat(c.index())
        .isEqualTo(
            new IndexSettings(
                URI.create("https://search.internal:9200"),
                IndexSettings.Auth.BASIC,
                "team-a",
                "stratum",
                "s3cret"));
    assertThat(c.index().toString())
        .isEqualTo(
            "OpenSearch at https://search.internal:9200 (team-a-chunks, auth basic as stratum)")
        .doesNotContain("s3cret");
    assertThat(load(Optional.empty(), Map.of()).index().embedded()).isTrue();
  }

  @Test
  void sigv4_needs_no_credentials_in_the_environment_and_none_means_none() throws Exception {
    Path f =
        write(
            "terraform.tfvars",
            """
            stratum_index_url  = "https://search-stratum.eu-west-1.es.amazonaws.com"
            stratum_index_auth = "sigv4"
            aws_region         = "eu-west-1"
            """);

    ModelConfig c = load(Optional.of(f), Map.of());

    assertThat(c.index().auth()).isEqualTo(IndexSettings.Auth.SIGV4);
    assertThat(c.aws().region()).isEqualTo("eu-west-1");
    assertThat(
            load(Optional.empty(), Map.of("STRATUM_STRATUM_INDEX_URL", "http://127.0.0.1:9200"))
                .index()
                .auth())
        .isEqualTo(IndexSettings.Auth.NONE);
  }

  @Test
  void a_bad_index_url_a_user_in_it_and_missing_basic_credentials_are_reported_with_their_place()
      throws Exception {
    Path bad =
        write(
            "bad.tfvars",
            "stratum_index_auth = \"basic\"\n"
                + "stratum_index_prefix = \"Team A\"\n"
                + "stratum_index_url = \"x\"\n");
    Path leaky = write("leaky.tfvars", "stratum_index_url = \"https://admin:pw@search:9200\"\n");
    Path basic =
        write(
            "basic.tfvars",
            "stratum_index_url = \"https://search:9200\"\nstratum_index_auth = \"basic\"\n");

    assertThatThrownBy(() -> load(Optional.of(bad), Map.of()))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .contains(
                        "stratum_index_url: expected an http(s) URL, got 'x' (bad.tfvars:3)",
                        "stratum_index_prefix: expected a lower-case name of letters, digits, _ and"
                            + " - (1-64, not starting with _ or -), got 'Team A' (bad.tfvars:2)"));
    assertThatThrownBy(() -> load(Optional.of(leaky), Map.of()))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining(
            "stratum_index_url: carries a user or password; put them in STRATUM_INDEX_USER and"
                + " STRATUM_INDEX_PASSWORD instead, never in the file (leaky.tfvars:1)");
    assertThatThrownBy(() -> load(Optional.of(basic), Map.of("STRATUM_INDEX_USER", "stratum")))
        .isInstanceOf(ConfigException.class)
        .satisfies(
            e ->
                assertThat(((ConfigException) e).problems())
                    .containsExactly(
                        "stratum_index_url: basic auth, but STRATUM_INDEX_PASSWORD is not set; the"
                            + " OpenSearch user and password are read from the environment, never"
                            + " from the file (basic.tfvars:1)"));
  }
}
