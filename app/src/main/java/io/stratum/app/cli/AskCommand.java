package io.stratum.app.cli;

import io.stratum.access.Principal;
import io.stratum.app.Stratum;
import io.stratum.app.config.Settings;
import io.stratum.app.usecase.Answering;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stratum ask --workspace WS "question"}. */
@Command(
    name = "ask",
    description = {
      "Answer a question from one workspace, with citations.",
      "Exits 4 when it refuses: the workspace has nothing on the question."
    })
public final class AskCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOption data;

  @Option(names = "--workspace", required = true, paramLabel = "WS", description = "Workspace.")
  String workspace;

  @Parameters(paramLabel = "QUESTION", arity = "1..*", description = "The question.")
  String[] question;

  @Override
  public Integer call() {
    Settings settings = Settings.fromEnvironment(data.data, null);
    try (Stratum stratum = data.open(settings)) {
      Answering.Turn turn =
          stratum
              .answering()
              .ask(
                  Principal.LOCAL_OPERATOR,
                  workspace,
                  String.join(" ", question),
                  new AnswerPrinter(spec.commandLine().getOut()));
      return (turn.answer().refused() ? ExitCode.REFUSED : ExitCode.OK).code;
    }
  }
}
