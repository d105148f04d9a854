package io.stratum.app.cli;

import io.stratum.access.Principal;
import io.stratum.app.Stratum;
import io.stratum.app.config.Settings;
import io.stratum.budget.Spend;
import java.io.PrintWriter;
import java.time.YearMonth;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stratum spend --workspace WS [--month YYYY-MM]}: spend by model, principal and day. */
@Command(
    name = "spend",
    description = "Show a workspace's spend in a month, by model, principal and day.")
public final class SpendCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOption data;

  @Option(names = "--workspace", required = true, paramLabel = "WS", description = "Workspace.")
  String workspace;

  @Option(
      names = "--month",
      paramLabel = "YYYY-MM",
      description = "The month (default: this month, UTC).")
  YearMonth month;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Stratum s = data.open(Settings.fromEnvironment(data.data, null))) {
      Spend sp = s.spending().of(Principal.LOCAL_OPERATOR, workspace, month);
      out.printf(
          Locale.ROOT,
          "%s %s: $%s spent%s; resets %s%n",
          sp.workspace(),
          sp.month(),
          sp.spentUsd().toPlainString(),
          sp.capUsd() == null
              ? ", no cap"
              : " of $" + sp.capUsd().toPlainString() + (sp.hardCap() ? " (hard cap)" : ""),
          sp.resetsOn());
      print(out, "by model (tier)", sp.byModel());
      print(out, "by principal", sp.byPrincipal());
      print(out, "by day", sp.byDay());
    }
    out.flush();
    return 0;
  }

  private static void print(PrintWriter out, String title, List<Spend.Line> lines) {
    out.println(title + ":");
    for (Spend.Line l : lines) {
      out.printf(
          Locale.ROOT,
          "  %-44s %5d calls  in %8d  out %8d  reasoning %8d  $%s%n",
          l.key(),
          l.calls(),
          l.inputTokens(),
          l.outputTokens(),
          l.reasoningTokens(),
          l.costUsd().toPlainString());
    }
  }
}
