package io.stratum.app.cli;

import static io.stratum.app.cli.ConformanceCriteria.ceiling;
import static io.stratum.app.cli.ConformanceCriteria.droppedDetail;
import static io.stratum.app.cli.ConformanceCriteria.droppedSampling;
import static io.stratum.app.cli.ConformanceCriteria.effortDetail;
import static io.stratum.app.cli.ConformanceCriteria.effortHonoured;
import static io.stratum.app.cli.ConformanceCriteria.refusedSampling;
import static io.stratum.app.cli.ConformanceCriteria.stoppedAtCeiling;

import io.stratum.app.Engine;
import io.stratum.app.config.Environment;
import io.stratum.app.config.ModelConfig;
import io.stratum.catalog.ModelCatalog;
import io.stratum.catalog.ModelFamily;
import io.stratum.dispatch.ChatEvent;
import io.stratum.dispatch.ChatMessage;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.DispatchException;
import io.stratum.dispatch.ModelClient;
import io.stratum.dispatch.ReasoningEffort;
import io.stratum.providers.openai.OpenAiAuth;
import java.io.PrintWriter;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.function.Function;
import java.util.function.Predicate;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stratum models check}: the same five calls against each configured model (or {@code
 * --model}), through the dispatch layer, on the configured endpoint (or {@code --endpoint}).
 */
@Command(
    name = "check",
    description = {
      "Run five conformance checks against each configured model (or --model) on its endpoint.",
      "With --endpoint and tiers on the local model, check one model of each validated family the"
          + " endpoint lists, or say in one line that it lists none.",
      "sync: a plain answer. stream: the streamed text equals the reply. effort: a reasoning"
          + " model reasons at high effort (one that does not reason has the effort dropped). dropped-param: temperature and topP are dropped exactly as the"
          + " catalog says the family refuses them. ceiling: asked for a hundred numbers, the"
          + " model's first attempt stops at a 16-token ceiling within it. Exits 1 if a check fails."
    })
final class ModelsCheck implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @Option(
      names = "--model",
      paramLabel = "ID",
      description = "Check this model instead of the configured tiers.")
  String model;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description = "Send to this endpoint (e.g. the simulator) instead of AWS.")
  URI endpoint;

  @Option(names = "--json", description = "Print a JSON array of {model, check, passed, detail}.")
  boolean json;

  record Row(String model, String check, boolean passed, String detail) {}

  private static final String NO_CREDENTIALS =
      DispatchException.AccessDenied.class.getSimpleName() + ": " + OpenAiAuth.NO_CREDENTIALS;
  private static final int PREFIX =
      DispatchException.AccessDenied.class.getSimpleName().length() + 2;

  /** The output token ceiling the ceiling check sets. */
  static final int CEILING = 16; // the least max_output_tokens OpenAI's surfaces take

  /** A question no model can finish within {@link #CEILING} tokens. */
  private static final ChatRequest LONG =
      ChatRequest.of(
          ChatMessage.user("List the whole numbers from 1 to 100, separated by commas."));

  private static final ChatRequest ASK =
      ChatRequest.of(
          ChatMessage.system("Answer in one short sentence."),
          ChatMessage.user("Say hello to the Stratum conformance check."));

  @Override
  public Integer call() throws Exception {
    Engine.Tiers tiers = ModelsCommand.tiers(config, endpoint, model);
    Set<String> ids =
        new LinkedHashSet<>(List.of(tiers.advanced().modelId(), tiers.basic().modelId()));
    if (model == null && endpoint != null && ids.equals(Set.of(ModelConfig.LOCAL_MODEL))) {
      // --endpoint with local tiers: check what the endpoint serves of the validated families,
      // never the local model in their place
      try {
        ids = endpointModels();
      } catch (DispatchException e) {
        spec.commandLine().getErr().println("models check: " + e.getMessage());
        return ExitCode.FAILURE.code;
      }
      if (ids.isEmpty()) {
        spec.commandLine()
            .getErr()
            .println(
                "models check: the tiers run the local model and "
                    + endpoint
                    + " lists no model of a validated family; name one with --model ID");
        return ExitCode.FAILURE.code;
      }
      tiers = ModelsCommand.tiers(config, endpoint, ids.iterator().next()); // with Bedrock's wires
    }
    List<Row> rows = new ArrayList<>();
    for (String id : ids) {
      ModelClient client = tiers.dispatcher().client(id, null);
      rows.add(
          check(
              id,
              "sync",
              () -> client.chat(ASK),
              r -> !r.text().isBlank(),
              r ->
                  "answered (%s), %d+%d tokens via %s in %d ms"
                      .formatted(
                          r.stopReason(),
                          r.usage().input(),
                          r.usage().output(),
                          r.backend(),
                          r.latency().toMillis())));
      Row first = rows.get(rows.size() - 1);
      if (first.detail().startsWith(NO_CREDENTIALS)) {
        // the same for every check of every model: said once, as one line, and not tried again
        spec.commandLine().getErr().println("models check: " + first.detail().substring(PREFIX));
        return ExitCode.FAILURE.code;
      }
      rows.add(streamCheck(id, client));
      Optional<ModelFamily> family = ModelCatalog.standard().resolve(id);
      rows.add(
          check(
              id,
              "effort",
              () -> client.chat(ASK.withReasoningEffort(ReasoningEffort.HIGH)),
              r -> effortHonoured(family, r),
              r -> effortDetail(family, r)));
      Set<String> refused = refusedSampling(family);
      rows.add(
          check(
              id,
              "dropped-param",
              () ->
                  client.chat(
                      ASK.withReasoningEffort(ReasoningEffort.HIGH)
                          .withTemperature(0.3)
                          .withTopP(0.9)),
              r -> family.isPresent() && droppedSampling(r).equals(refused),
              r -> droppedDetail(family, refused, r)));
      rows.add(
          check(
              id,
              "ceiling",
              () -> client.chat(LONG.withMaxOutputTokens(CEILING)),
              r -> stoppedAtCeiling(r),
              r -> ceiling(r) + (r.notes().isEmpty() ? "" : "; " + String.join("; ", r.notes()))));
    }
    print(rows, spec.commandLine().getOut());
    return (rows.stream().allMatch(Row::passed) ? ExitCode.OK : ExitCode.FAILURE).code;
  }

  /** One listed model per validated catalog family, in catalog order. */
  private Set<String> endpointModels() {
    ModelCatalog catalog = ModelCatalog.standard();
    List<String> listed =
        Engine.mantleModels(config.modelConfig().withEndpoint(endpoint), Environment.get());
    Set<String> ids = new LinkedHashSet<>();
    for (ModelFamily f : catalog.families()) {
      if (f.status().equals("validated")) {
        listed.stream()
            .filter(id -> catalog.resolve(id).filter(f::equals).isPresent())
            .findFirst()
            .ifPresent(ids::add);
      }
    }
    return ids;
  }

  private interface Call {
    ChatResult run();
  }

  private static Row check(
      String id,
      String name,
      Call call,
      Predicate<ChatResult> ok,
      Function<ChatResult, String> detail) {
    try {
      ChatResult r = call.run();
      return new Row(id, name, ok.test(r), detail.apply(r));
    } catch (RuntimeException e) {
      return new Row(id, name, false, e.getClass().getSimpleName() + ": " + e.getMessage());
    }
  }

  private static Row streamCheck(String id, ModelClient client) {
    StringBuilder text = new StringBuilder();
    int[] deltas = {0};
    return check(
        id,
        "stream",
        () ->
            client.stream(
                ASK,
                e -> {
                  if (e instanceof ChatEvent.TextDelta d) {
                    deltas[0]++;
                    text.append(d.text());
                  }
                }),
        r -> text.toString().equals(r.text()) && deltas[0] > 0,
        r ->
            "%d text deltas adding up to the reply, first byte after %d ms"
                .formatted(deltas[0], r.firstByte().toMillis()));
  }

  private void print(List<Row> rows, PrintWriter out) throws Exception {
    if (json) {
      List<Map<String, Object>> list = new ArrayList<>();
      for (Row r : rows) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("model", r.model());
        m.put("check", r.check());
        m.put("passed", r.passed());
        m.put("detail", r.detail());
        list.add(m);
      }
      out.println(ModelsCommand.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(list));
      return;
    }
    Columns table = new Columns("MODEL", "CHECK", "RESULT", "WHAT HAPPENED");
    for (Row r : rows) {
      table.row(r.model(), r.check(), r.passed() ? "pass" : "FAIL", r.detail());
    }
    table.print(out);
  }
}
