package io.stratum.app.cli;

import io.stratum.corpus.ScanProblem;
import io.stratum.ingest.IngestReport;
import java.io.PrintWriter;

/** Prints an ingest report; a run with unreadable files exits 3 after ingesting the rest. */
final class IngestReports {
  private IngestReports() {}

  static int print(IngestReport report, PrintWriter out, PrintWriter err) {
    out.println(report.summary());
    for (ScanProblem p : report.problems()) {
      err.println("  skipped " + p);
    }
    out.flush();
    err.flush();
    return (report.problems().isEmpty() ? ExitCode.OK : ExitCode.FILES_SKIPPED).code;
  }
}
