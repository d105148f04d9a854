package io.stratum.app.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.app.Programs;
import io.stratum.app.config.RegisteredKeys;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * The Terraform module in {@code deploy/terraform}, checked without AWS and without the provider
 * download {@code terraform init} needs:
 *
 * <ul>
 *   <li>{@code terraform fmt -check -recursive} finds nothing to reformat;
 *   <li>the specs in {@code deploy/terraform/checks} ({@code *.spec.mjs}, run by {@code node
 *       --test}) pass: every {@code .tf} file parsed by HashiCorp's HCL parser, the security rules
 *       over it, and every resource type and attribute checked against the AWS provider's schema;
 *   <li>the module's variables and the app's configuration keys agree: each key of the registry is
 *       a variable of the same name, rendered into the task as its {@code STRATUM_<KEY>}, or is
 *       listed with its reason in {@code deploy/terraform/app-keys.json}; and a variable named like
 *       an app key is one. A variable listed under {@code "derived_when_created"} (one the module
 *       fills in itself when it creates what the key points at) must be rendered as {@code
 *       CONDITION ? VALUE : <the variable's own rendering>}, so it still reaches the task unchanged
 *       when the module creates nothing.
 * </ul>
 *
 * <p>Skipped, saying how to install them, when {@code terraform}, Node or the checks' npm packages
 * are missing; with {@code STRATUM_REQUIRE_DEPLOY_CHECKS=1} (as {@code .ci/run} sets) that is a
 * failure instead.
 */
class TerraformModuleIT {
  static final Path ROOT =
      Path.of(System.getProperty("stratum.root", "..")).toAbsolutePath().normalize();
  static final Path MODULE = ROOT.resolve("deploy/terraform");
  static final Path CHECKS = MODULE.resolve("checks");
  static final String VARIABLES = "deploy/terraform/variables.tf";
  static final String ENVIRONMENT = "local.app_environment in deploy/terraform/ecs.tf";
  static final String EXCEPTIONS = "deploy/terraform/app-keys.json";
  static final String WHEN_CREATED = "derived_when_created";
  static final Pattern APP_KEY_NAME =
      Pattern.compile("(bedrock|stratum|oidc|kms|mantle|kinesis)_.+|aws_region");
  static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void terraform_fmt_finds_nothing_to_reformat() throws Exception {
    String terraform = Programs.onPath("terraform");
    require(terraform != null, "terraform is not on the PATH (install Terraform 1.6 or later)");
    Run fmt =
        run(ROOT, List.of(terraform, "fmt", "-check", "-recursive", "-diff", "deploy/terraform"));
    assertThat(fmt.exit())
        .as(
            "terraform fmt -check found files to reformat; run `terraform fmt -recursive"
                + " deploy/terraform`:%n%s",
            fmt.output())
        .isZero();
  }

  @Test
  void the_hcl_rules_and_the_provider_schema_specs_pass() throws Exception {
    String node = nodeWithChecks();
    List<String> command =
        new ArrayList<>(List.of(node, "--test", "--test-reporter=spec", "--test-concurrency=1"));
    try (Stream<Path> files = Files.list(CHECKS)) {
      files
          .map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".spec.mjs"))
          .sorted()
          .forEach(command::add);
    }
    Run specs = run(CHECKS, command);
    assertThat(specs.exit()).as("node --test in %s:%n%s", CHECKS, specs.output()).isZero();
  }

  @Test
  void every_app_key_is_a_module_variable_or_a_listed_exception() throws Exception {
    Module m = Module.load();
    List<String> problems = new ArrayList<>();
    for (RegisteredKeys.Entry k : RegisteredKeys.all()) {
      boolean variable = m.variables(".").contains(k.name());
      String listedUnder = m.exceptionGroupOf(k.name());
      if (WHEN_CREATED.equals(listedUnder)) {
        if (!variable) {
          problems.add(
              ("app key '%s' is listed under \"%s\" in %s, which is for variables the module fills"
                      + " in itself, but it is not a variable in %s: declare it, or list it under"
                      + " \"derived\"")
                  .formatted(k.name(), WHEN_CREATED, EXCEPTIONS, VARIABLES));
        }
      } else if (variable && listedUnder != null) {
        problems.add(
            "app key '%s' is both a variable in %s and listed under \"%s\" in %s: keep one"
                .formatted(k.name(), VARIABLES, listedUnder, EXCEPTIONS));
      } else if (!variable && listedUnder == null && k.fromFile()) {
        problems.add(
            ("app key '%s' (%s) is neither a variable of deploy/terraform nor listed in %s: add"
                    + " `variable \"%s\" { type = ..., description = \"App key: ...\", default ="
                    + " null }` to %s and `%s = var.%s` to %s; or, if the module must derive it or"
                    + " it means nothing in AWS, list it under \"derived\" or \"not_set\" in %s"
                    + " with the reason")
                .formatted(
                    k.name(),
                    k.env(),
                    EXCEPTIONS,
                    k.name(),
                    VARIABLES,
                    k.env(),
                    k.name(),
                    ENVIRONMENT,
                    EXCEPTIONS));
      } else if (!variable && listedUnder == null) {
        problems.add(
            ("app secret %s is not delivered to the task: add it to the keys the validation of"
                    + " variable \"app_secrets\" allows in %s, and under \"secrets_by_arn\" in %s")
                .formatted(k.env(), VARIABLES, EXCEPTIONS));
      }
    }
    assertThat(problems).as(String.join("\n", problems)).isEmpty();
  }

  @Test
  void every_variable_named_like_an_app_key_is_one_and_every_listed_exception_too()
      throws Exception {
    Module m = Module.load();
    Set<String> fileKeys = new TreeSet<>();
    Set<String> envs = new TreeSet<>();
    for (RegisteredKeys.Entry k : RegisteredKeys.all()) {
      if (k.fromFile()) {
        fileKeys.add(k.name());
      } else {
        envs.add(k.env());
      }
    }
    List<String> problems = new ArrayList<>();
    for (String dir : List.of(".", "examples/complete")) {
      for (String v : m.variables(dir)) {
        if (APP_KEY_NAME.matcher(v).matches() && !fileKeys.contains(v)) {
          problems.add(
              ("variable \"%s\" (deploy/terraform/%s) is named like an app key, but the app has no"
                      + " key '%s': rename it (the module's own variables start with none of"
                      + " bedrock_, stratum_, oidc_, kms_, mantle_, kinesis_) or remove it")
                  .formatted(v, m.fileOf(dir, v), v));
        }
      }
    }
    m.exceptions()
        .forEach(
            (group, names) -> {
              for (String name : names) {
                boolean known =
                    group.contains("secrets") ? envs.contains(name) : fileKeys.contains(name);
                if (!known) {
                  problems.add(
                      "%s lists '%s' under \"%s\", but the app has no such %s: remove it"
                          .formatted(
                              EXCEPTIONS,
                              name,
                              group,
                              group.contains("secrets") ? "secret" : "key"));
                }
              }
            });
    assertThat(problems).as(String.join("\n", problems)).isEmpty();
  }

  @Test
  void each_key_reaches_the_task_under_the_environment_variable_the_app_reads() throws Exception {
    Module m = Module.load();
    Map<String, String> rendered = m.appEnvironment();
    List<String> problems = new ArrayList<>();
    Set<String> derived = m.exceptions().getOrDefault("derived", Set.of());
    Set<String> whenCreated = m.exceptions().getOrDefault(WHEN_CREATED, Set.of());
    Set<String> known = new TreeSet<>();
    for (RegisteredKeys.Entry k : RegisteredKeys.all()) {
      known.add(k.env());
      String expr = rendered.get(k.env());
      if (m.variables(".").contains(k.name())) {
        String expected = m.rendering(k.name());
        String inner = expected.substring(2, expected.length() - 1);
        if (whenCreated.contains(k.name())) {
          if (!rendersAsFallback(expr, inner, k.name())) {
            problems.add(
                ("variable \"%s\" is listed under \"%s\" in %s, so it must reach the task as `%s"
                        + " = CONDITION ? VALUE_FROM_THE_RESOURCE : %s` in %s; found %s")
                    .formatted(
                        k.name(), WHEN_CREATED, EXCEPTIONS, k.env(), inner, ENVIRONMENT, expr));
          }
        } else if (!expected.equals(expr)) {
          problems.add(
              "variable \"%s\" reaches the task as %s = %s: expected `%s = %s` in %s"
                  .formatted(k.name(), k.env(), expr, k.env(), inner, ENVIRONMENT));
        }
      } else if (derived.contains(k.name()) && (expr == null || expr.contains("var." + k.name()))) {
        problems.add(
            "app key '%s' is listed as derived in %s but %s does not set %s from the module's resources"
                .formatted(k.name(), EXCEPTIONS, ENVIRONMENT, k.env()));
      }
    }
    for (String env : rendered.keySet()) {
      if (!known.contains(env)) {
        problems.add(
            "%s sets %s, which no app key is read from: remove it or fix the name"
                .formatted(ENVIRONMENT, env));
      }
    }
    for (String env : m.exceptions().getOrDefault("database_secrets", Set.of())) {
      if (!m.databaseSecretNames().contains(env)) {
        problems.add(
            "%s is listed under \"database_secrets\" in %s but local.db_secrets"
                    .formatted(env, EXCEPTIONS)
                + " (deploy/terraform/ecs.tf) does not name it");
      }
    }
    String allowed = m.appSecretsValidation();
    for (String env : m.exceptions().getOrDefault("secrets_by_arn", Set.of())) {
      if (!allowed.contains('"' + env + '"')) {
        problems.add(
            "%s is listed under \"secrets_by_arn\" in %s but the validation of variable"
                    .formatted(env, EXCEPTIONS)
                + " \"app_secrets\" ("
                + VARIABLES
                + ") does not allow it");
      }
    }
    assertThat(problems).as(String.join("\n", problems)).isEmpty();
  }

  /**
   * Whether {@code expr} is {@code ${CONDITION ? VALUE : fallback}}: the variable's own rendering
   * when the condition is false, and a value that does not come from the variable when it is true.
   */
  static boolean rendersAsFallback(String expr, String fallback, String variable) {
    String tail = " : " + fallback + "}";
    if (expr == null || !expr.startsWith("${") || !expr.endsWith(tail)) {
      return false;
    }
    String head = expr.substring(2, expr.length() - tail.length());
    return head.contains(" ? ") && !head.contains("var." + variable);
  }

  @Test
  void the_example_passes_its_app_keys_to_the_module_unchanged() throws Exception {
    Module m = Module.load();
    List<String> problems = new ArrayList<>();
    for (String v : m.variables("examples/complete")) {
      if (APP_KEY_NAME.matcher(v).matches() && !("${var." + v + "}").equals(m.exampleArgument(v))) {
        problems.add(
            "examples/complete declares app key \"%s\" but does not pass it to the module as `%s ="
                    .formatted(v, v)
                + " var."
                + v
                + "`");
      }
    }
    assertThat(problems).as(String.join("\n", problems)).isEmpty();
  }

  /** What HashiCorp's HCL parser reads in the module and the example, and the exception list. */
  record Module(JsonNode hcl, JsonNode exceptionsJson) {
    private static Module loaded;

    /** The module, parsed once for all the tests that need it. */
    static synchronized Module load() throws IOException, InterruptedException {
      if (loaded == null) {
        loaded = read(nodeWithChecks());
      }
      return loaded;
    }

    static Module read(String node) throws IOException, InterruptedException {
      Run dump = run(CHECKS, List.of(node, "dump.mjs", ".", "examples/complete"), false);
      assertThat(dump.exit()).as("node dump.mjs:%n%s", dump.output()).isZero();
      int start = dump.output().indexOf('{');
      return new Module(
          JSON.readTree(dump.output().substring(start)),
          JSON.readTree(MODULE.resolve("app-keys.json").toFile()));
    }

    Set<String> variables(String dir) {
      return names(hcl.path(dir).path("variables"));
    }

    String fileOf(String dir, String variable) {
      return hcl.path(dir).path("variables").path(variable).path("file").asText();
    }

    /** The exceptions by group ("derived", "database_secrets", ...), without the comments. */
    Map<String, Set<String>> exceptions() {
      return names(exceptionsJson).stream()
          .collect(
              Collectors.toMap(
                  g -> g, g -> names(exceptionsJson.path(g)), (a, b) -> a, java.util.TreeMap::new));
    }

    String exceptionGroupOf(String keyOrEnv) {
      return exceptions().entrySet().stream()
          .filter(e -> e.getValue().contains(keyOrEnv))
          .map(Map.Entry::getKey)
          .findFirst()
          .orElse(null);
    }

    /**
     * How an app-key variable must reach the task, by its type: as text, lists of strings as a,b,
     * maps and lists of objects as JSON (which the app reads as HCL when it opens with { or [).
     */
    String rendering(String variable) {
      String type =
          hcl.path(".").path("variables").path(variable).path("body").path("type").asText();
      return switch (type) {
        case "${string}" -> "${var.%s}".formatted(variable);
        case "${list(string)}" ->
            "${var.%1$s == null ? null : join(\",\", var.%1$s)}".formatted(variable);
        case "${map(string)}", "${list(map(string))}" ->
            "${var.%1$s == null ? null : jsonencode(var.%1$s)}".formatted(variable);
        default -> "${tostring(var.%s)}".formatted(variable);
      };
    }

    /** local.app_environment: environment variable -> its expression. */
    Map<String, String> appEnvironment() {
      JsonNode env = hcl.path(".").path("locals").path("app_environment").path("value");
      Map<String, String> out = new java.util.TreeMap<>();
      env.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
      return out;
    }

    Set<String> databaseSecretNames() {
      Set<String> out = new TreeSet<>();
      hcl.path(".")
          .path("locals")
          .path("db_secrets")
          .path("value")
          .forEach(s -> out.add(s.path("name").asText()));
      return out;
    }

    String appSecretsValidation() {
      return hcl.path(".")
          .path("variables")
          .path("app_secrets")
          .path("body")
          .path("validation")
          .path(0)
          .path("condition")
          .asText();
    }

    /** The example's argument {@code name} to the module, as the parser gives it. */
    String exampleArgument(String name) {
      JsonNode modules = hcl.path("examples/complete").path("modules");
      for (JsonNode mod : modules) {
        if (mod.path("body").has(name)) {
          return mod.path("body").path(name).asText();
        }
      }
      return null;
    }

    private static Set<String> names(JsonNode object) {
      Set<String> out = new TreeSet<>();
      object
          .fieldNames()
          .forEachRemaining(
              n -> {
                if (!n.startsWith("$")) {
                  out.add(n);
                }
              });
      return out;
    }
  }

  record Run(int exit, String output) {}

  /** Runs {@code command} in {@code dir}, copying its output to the test's log. */
  static Run run(Path dir, List<String> command) throws IOException, InterruptedException {
    return run(dir, command, true);
  }

  /** Runs {@code command} in {@code dir} for at most 10 minutes; its exit and combined output. */
  static Run run(Path dir, List<String> command, boolean log)
      throws IOException, InterruptedException {
    Path out = Files.createTempFile("terraform-checks", ".log");
    try {
      Process p =
          new ProcessBuilder(command)
              .directory(dir.toFile())
              .redirectErrorStream(true)
              .redirectOutput(out.toFile())
              .start();
      if (!p.waitFor(10, TimeUnit.MINUTES)) {
        p.descendants().forEach(ProcessHandle::destroyForcibly);
        p.destroyForcibly();
        fail(String.join(" ", command) + " did not finish in 10 minutes");
      }
      String output = Files.readString(out);
      if (log) {
        output.lines().forEach(line -> System.out.println("[terraform-checks] " + line));
      }
      return new Run(p.exitValue(), output);
    } finally {
      Files.deleteIfExists(out);
    }
  }

  /** Node, when it and the checks' packages are installed. */
  static String nodeWithChecks() {
    String node = Programs.onPath("node");
    require(node != null, "node is not on the PATH (install Node.js 20 or later)");
    require(
        Files.isDirectory(CHECKS.resolve("node_modules/@cdktf/hcl2json"))
            && Files.isDirectory(CHECKS.resolve("node_modules/@cdktf/provider-aws")),
        "the checks' npm packages are not installed: run `npm ci --prefix deploy/terraform/checks`");
    return node;
  }

  static void require(boolean present, String howToInstall) {
    if (present) {
      return;
    }
    if ("1".equals(System.getenv("STRATUM_REQUIRE_DEPLOY_CHECKS"))) {
      fail("STRATUM_REQUIRE_DEPLOY_CHECKS=1 but " + howToInstall);
    }
    Assumptions.assumeTrue(false, "deploy checks skipped: " + howToInstall);
  }
}
