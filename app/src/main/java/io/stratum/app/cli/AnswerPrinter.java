package io.stratum.app.cli;

import io.stratum.answer.Answer;
import io.stratum.answer.AnswerEvent;
import io.stratum.retrieval.Passage;
import java.io.PrintWriter;
import java.util.function.Consumer;

/** Renders a streamed answer in a terminal: text as it arrives, then its sources. */
final class AnswerPrinter implements Consumer<AnswerEvent> {
  private final PrintWriter out;

  AnswerPrinter(PrintWriter out) {
    this.out = out;
  }

  @Override
  public void accept(AnswerEvent event) {
    switch (event) {
      case AnswerEvent.Passages p -> {}
      case AnswerEvent.Delta d -> {
        out.print(d.text());
        out.flush();
      }
      case AnswerEvent.Cited c -> {}
      case AnswerEvent.KeepAlive k -> {}
      case AnswerEvent.Done d -> done(d.answer());
    }
  }

  private void done(Answer a) {
    out.println();
    if (a.refused()) {
      out.println("  (refused: " + a.refusal() + ")");
    } else {
      out.println();
      if (a.citations().isEmpty()) {
        out.println(uncited(a));
      } else {
        out.println("Sources:");
      }
      for (Passage p : a.citations()) {
        String status = p.status().isEmpty() ? "" : " [" + p.status() + "]";
        out.println("  [" + p.rank() + "] " + p.title() + status);
        out.println("      " + p.path() + "  §" + p.heading());
      }
    }
    out.printf("(%s via %s, %d ms)%n", a.modelId(), a.backend(), a.latencyMillis());
    out.flush();
  }

  /** The line that stands for an empty source list: nothing cited, and why there is nothing. */
  static String uncited(Answer a) {
    String removed =
        a.removedMarkers() == 0
            ? ""
            : "; " + a.removedMarkers() + " marker(s) named no passage and were removed";
    return "Sources: none cited (the answer has no [n] marker naming one of the "
        + a.passages().size()
        + " passages it was given"
        + removed
        + ")";
  }
}
