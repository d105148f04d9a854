package io.stratum.app.cli;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.app.Engine;
import io.stratum.app.ModelDiscovery;
import io.stratum.simulator.BedrockSimulator;
import io.stratum.simulator.SimCatalog;
import io.stratum.simulator.SimModel;
import io.stratum.simulator.Surface;
import io.stratum.simulator.Thinking;
import java.io.ByteArrayInputStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * {@code models refresh} and {@code models check --endpoint}: what the Mantle endpoint lists, set
 * against the catalog, with nothing changed; and a check that never falls back to the local model.
 */
class ModelsRefreshTest {
  record Run(int code, String out, String err) {}

  BedrockSimulator sim;

  Run run(BedrockSimulator.Builder b, String... args) {
    return run(b, s -> {}, args);
  }

  /** {@code args} against a simulator that {@code before} has prepared (armed faults, say). */
  Run run(
      BedrockSimulator.Builder b,
      java.util.function.Consumer<BedrockSimulator> before,
      String... args) {
    sim = b.build().start();
    before.accept(sim);
    System.setProperty("aws.accessKeyId", sim.accessKeyId());
    System.setProperty("aws.secretAccessKey", sim.secretKey());
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    List<String> all = new java.util.ArrayList<>(List.of(args));
    all.addAll(List.of("--endpoint", sim.endpoint().toString()));
    return new Run(cli.execute(all.toArray(String[]::new)), out.toString(), err.toString());
  }

  @AfterEach
  void stop() {
    System.clearProperty("aws.accessKeyId");
    System.clearProperty("aws.secretAccessKey");
    if (sim != null) {
      sim.close();
    }
  }

  @Test
  void a_routable_model_in_a_tier_is_warned_of_at_startup_and_marked_in_models_list(
      @TempDir Path dir) throws Exception {
    Path tfvars =
        Files.writeString(
            dir.resolve("grok.tfvars"),
            "bedrock_advanced_model_id = \"xai.grok-4.3\"\nbedrock_basic_model_id = \"openai.gpt-5.4\"\n");
    Logger log = (Logger) LoggerFactory.getLogger(ModelDiscovery.class);
    ListAppender<ILoggingEvent> warnings = new ListAppender<>();
    warnings.start();
    log.addAppender(warnings);
    StringWriter out = new StringWriter();
    CommandLine cli = Main.commandLine();
    cli.setOut(new PrintWriter(out, true));
    try {
      Engine.tiers(
          Engine.loadConfig(Optional.of(tfvars), Map.of()),
          Map.of("AWS_BEARER_TOKEN_BEDROCK", "k"));
      cli.execute("models", "list", "--config", tfvars.toString());
    } finally {
      log.detachAppender(warnings);
    }

    assertThat(warnings.list)
        .extracting(ILoggingEvent::getFormattedMessage)
        .containsExactly(
            "the advanced tier's model xai.grok-4.3 is routable, not validated: it has not passed"
                + " the conformance matrix; `stratum models check` runs the checks against it");
    assertThat(out.toString().lines())
        .anySatisfy(
            l -> assertThat(l).startsWith("grok ").contains(" routable ").endsWith(" advanced"))
        .anySatisfy(l -> assertThat(l).startsWith("gpt-5.4 ").endsWith(" basic"));
  }

  @Test
  void models_refresh_says_what_the_catalog_makes_of_each_listed_model_and_changes_nothing()
      throws Exception {
    SimCatalog catalog = SimCatalog.standard();
    catalog.add(
        new SimModel(
            "acme.frontier-2",
            "acme",
            Set.of(Surface.CHAT),
            List.of("/v1"),
            false,
            Thinking.NONE,
            List.of(),
            "",
            8192,
            4,
            Set.of(),
            false));

    Run json = run(BedrockSimulator.builder().catalog(catalog), "models", "refresh", "--json");
    Run text = run(BedrockSimulator.builder().catalog(catalog), "models", "refresh");

    assertThat(json.code()).as(json.err()).isZero();
    JsonNode rows = new ObjectMapper().readTree(json.out());
    assertThat(rows)
        .anySatisfy(
            r -> {
              assertThat(r.get("id").asText()).isEqualTo("openai.gpt-5.5"); // under /openai/v1
              assertThat(r.get("status").asText()).isEqualTo("validated");
            })
        .anySatisfy(
            r -> {
              assertThat(r.get("id").asText()).isEqualTo("acme.frontier-2");
              assertThat(r.get("status").asText()).isEqualTo("unknown");
              assertThat(r.get("family").asText()).isEmpty();
            });
    assertThat(text.out().lines().toList())
        .last()
        .asString()
        .endsWith(
            " 1 unknown (acme.frontier-2: the catalog has no family for it; add one, and clear it,"
                + " before a tier uses it). Nothing was changed.");
    assertThat(sim.requests()).allSatisfy(r -> assertThat(r.method()).isEqualTo("GET"));
  }

  @Test
  void models_check_on_an_endpoint_with_local_tiers_checks_the_validated_families_it_serves()
      throws Exception {
    Run r = run(BedrockSimulator.builder(), "models", "check", "--json");

    assertThat(r.code()).as(r.out()).isZero();
    List<String> models =
        new ObjectMapper().readTree(r.out()).findValuesAsText("model").stream().distinct().toList();
    assertThat(models)
        .doesNotContain("stratum-local-extractive")
        .contains("openai.gpt-5.5", "openai.gpt-oss-120b", "qwen.qwen3-32b");
  }

  /** The rows of {@code models check --json} for {@code check}, by model. */
  static Map<String, JsonNode> rows(Run r, String check) throws Exception {
    Map<String, JsonNode> rows = new java.util.TreeMap<>();
    new ObjectMapper()
        .readTree(r.out())
        .forEach(
            row -> {
              if (row.get("check").asText().equals(check)) {
                rows.put(row.get("model").asText(), row);
              }
            });
    return rows;
  }

  @Test
  void every_check_passes_on_a_faithful_endpoint_and_says_what_it_verified() throws Exception {
    Run r =
        run(BedrockSimulator.builder(), "models", "check", "--json", "--model", "openai.gpt-5.5");

    assertThat(r.code()).as(r.err() + r.out()).isZero();
    assertThat(rows(r, "effort").get("openai.gpt-5.5").get("detail").asText())
        .startsWith("reasoned at high effort: ")
        .endsWith(" reasoning tokens");
    assertThat(rows(r, "dropped-param").get("openai.gpt-5.5").get("detail").asText())
        .isEqualTo("temperature and topP dropped with a warning and listed in droppedParams");
    assertThat(rows(r, "ceiling").get("openai.gpt-5.5").get("detail").asText())
        .startsWith("stopped at the 16-token ceiling: incomplete with ")
        .endsWith(" output tokens");
  }

  @Test
  void a_backend_that_ignores_the_ceiling_fails_the_ceiling_check() throws Exception {
    Run r =
        run(
            BedrockSimulator.builder(),
            s -> s.arm("ignore-ceiling", 100),
            "models",
            "check",
            "--json",
            "--model",
            "openai.gpt-5.5");

    JsonNode ceiling = rows(r, "ceiling").get("openai.gpt-5.5");
    assertThat(r.code()).isEqualTo(1);
    assertThat(ceiling.get("passed").asBoolean()).isFalse();
    assertThat(ceiling.get("detail").asText())
        .startsWith("did not stop at the 16-token ceiling: success with ");
  }

  @Test
  void a_backend_that_ignores_the_effort_fails_the_effort_check() throws Exception {
    Run r =
        run(
            BedrockSimulator.builder(),
            s -> s.arm("reasoning=0", 100),
            "models",
            "check",
            "--json",
            "--model",
            "openai.gpt-5.5");

    JsonNode effort = rows(r, "effort").get("openai.gpt-5.5");
    assertThat(r.code()).isEqualTo(1);
    assertThat(effort.get("passed").asBoolean()).isFalse();
    assertThat(effort.get("detail").asText())
        .isEqualTo(
            "asked for high effort, but the model reported no reasoning (0 reasoning tokens)");
  }

  @Test
  void models_check_on_an_endpoint_that_serves_no_validated_family_refuses_in_one_line()
      throws Exception {
    SimCatalog empty =
        SimCatalog.fromJson(
            new ByteArrayInputStream("{\"models\": []}".getBytes(StandardCharsets.UTF_8)));

    Run r = run(BedrockSimulator.builder().catalog(empty), "models", "check");

    assertThat(r.code()).isEqualTo(1);
    assertThat(r.out()).isEmpty();
    assertThat(r.err())
        .isEqualTo(
            "models check: the tiers run the local model and "
                + sim.endpoint()
                + " lists no model of a validated family; name one with --model ID"
                + System.lineSeparator());
  }
}
