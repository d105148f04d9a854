package io.stratum.app.cli;

import io.stratum.app.Engine;
import io.stratum.dispatch.ChatEvent;
import io.stratum.dispatch.ChatMessage;
import io.stratum.dispatch.ChatRequest;
import io.stratum.dispatch.ChatResult;
import io.stratum.dispatch.ModelClient;
import io.stratum.dispatch.ReasoningEffort;
import java.io.PrintWriter;
import java.net.URI;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stratum chat --tier advanced "..."}: one turn with a configured model, streamed. */
@Command(
    name = "chat",
    description = "Send one message to a configured tier (or --model) and stream the reply.")
public final class ChatCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin ConfigOption config;

  @Option(
      names = "--tier",
      defaultValue = "advanced",
      paramLabel = "TIER",
      description = "advanced or basic (default ${DEFAULT-VALUE}).")
  String tier;

  @Option(
      names = "--model",
      paramLabel = "ID",
      description = "Use this model instead of the tier's.")
  String model;

  @Option(
      names = "--effort",
      paramLabel = "LEVEL",
      description = "Reasoning effort: none|minimal|low|medium|high|xhigh.")
  String effort;

  @Option(
      names = "--endpoint",
      paramLabel = "URL",
      description = "Send to this endpoint (e.g. the simulator) instead of AWS.")
  URI endpoint;

  @Parameters(paramLabel = "MESSAGE", arity = "1..*", description = "The message.")
  String[] message;

  @Override
  public Integer call() {
    if (!tier.equals("advanced") && !tier.equals("basic")) {
      throw new IllegalArgumentException("--tier: expected advanced|basic, got '" + tier + "'");
    }
    Engine.Tiers tiers = ModelsCommand.tiers(config, endpoint, model);
    ModelClient client = tier.equals("advanced") ? tiers.advanced() : tiers.basic();
    ReasoningEffort e =
        effort != null
            ? ReasoningEffort.parse(effort)
            : tier.equals("advanced") ? tiers.advancedEffort() : tiers.basicEffort();
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    ChatResult r =
        client.stream(
            ChatRequest.of(ChatMessage.user(String.join(" ", message))).withReasoningEffort(e),
            ev -> {
              if (ev instanceof ChatEvent.TextDelta d) {
                out.print(d.text());
                out.flush();
              }
            });
    out.println();
    out.flush();
    err.printf(
        "(%s via %s; %s; tokens in %d, out %d, reasoning %d; %s; %d ms)%n",
        r.modelId(),
        r.backend(),
        r.route(),
        r.usage().input(),
        r.usage().output(),
        r.usage().reasoning(),
        r.stopReason(),
        r.latency().toMillis());
    r.droppedParams().forEach(d -> err.println("  dropped " + d));
    r.notes().forEach(n -> err.println("  note: " + n));
    err.flush();
    return 0;
  }
}
