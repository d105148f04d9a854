package io.stratum.app.cli;

import io.stratum.app.Stratum;
import io.stratum.app.config.Settings;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.ingest.IngestReport;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stratum ingest [--workspace WS] DIR}. */
@Command(
    name = "ingest",
    description = {
      "Ingest a directory of Markdown files. Unchanged files are skipped; files deleted since the",
      "last run are removed from the index. Without --workspace, each file goes to the workspace",
      "named by its first directory (DIR/security/x.md -> security)."
    })
public final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOption data;

  @Option(names = "--workspace", paramLabel = "WS", description = "Put every file in WS.")
  String workspace;

  @Parameters(paramLabel = "DIR", description = "Directory of Markdown files.")
  Path dir;

  @Override
  public Integer call() {
    Settings settings = Settings.fromEnvironment(data.data, null);
    MarkdownConnector connector =
        workspace == null
            ? MarkdownConnector.byDirectory(dir)
            : MarkdownConnector.into(dir, workspace);
    try (Stratum stratum = data.open(settings)) {
      IngestReport report = stratum.ingest(connector, new Progress(spec.commandLine().getErr()));
      return IngestReports.print(report, spec.commandLine().getOut(), spec.commandLine().getErr());
    }
  }
}
