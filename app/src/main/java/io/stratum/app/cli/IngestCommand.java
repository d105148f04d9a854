package io.stratum.app.cli;

import io.stratum.app.SourceConnectors;
import io.stratum.app.Stratum;
import io.stratum.app.config.Environment;
import io.stratum.app.config.ModelConfig;
import io.stratum.app.config.Settings;
import io.stratum.app.config.SourceSpec;
import io.stratum.sync.SyncSource;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stratum ingest [--workspace WS] (DIR | --source KIND:PATH)}. */
@Command(
    name = "ingest",
    description = {
      "Ingest a source into the data directory, skipping unchanged documents.",
      "Documents deleted since the last run are removed from the index. Kinds: markdown:DIR,"
          + " adr:DIR, runbooks:DIR, oscal:CATALOG.json, code:DIR, jira:JQL and confluence:SPACE_ID"
          + " (site and credentials from STRATUM_ATLASSIAN_URL, _EMAIL, _API_TOKEN),"
          + " jira-export:FILE.csv|.json and confluence-export:DIR|ZIP.",
      "A bare DIR is markdown; without --workspace, each file goes to the workspace named by its"
          + " first directory (DIR/security/x.md goes to security). With neither DIR nor --source,"
          + " every source in the configuration's stratum_sources block is ingested, in order.",
      "Each source is ingested as a job (stratum jobs lists them). With no server on the data"
          + " directory, the command runs its jobs itself; beside a running server (or a server"
          + " elsewhere over the same PostgreSQL), the server may run them and the command follows"
          + " their progress. A job that fails is retried after 30 s and 2 min.",
      "Exits 3 when some files were skipped (each listed on stderr with its reason), 8 when a"
          + " job failed on every attempt."
    })
public final class IngestCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOption data;

  @Option(
      names = "--workspace",
      paramLabel = "WS",
      description = "Put every document in WS (required for adr, runbooks, oscal).")
  String workspace;

  @Option(
      names = "--source",
      paramLabel = "KIND:PATH",
      description =
          "markdown:DIR, adr:DIR, runbooks:DIR, oscal:FILE, code:DIR, jira:JQL, confluence:SPACE_ID, jira-export:FILE or confluence-export:DIR|ZIP.")
  String source;

  @Option(
      names = "--no-wait",
      description =
          "Queue the jobs, print their ids and return: a running server runs them (see stratum"
              + " jobs show ID).")
  boolean noWait;

  @Parameters(
      paramLabel = "DIR",
      arity = "0..1",
      description = "Directory of Markdown files (same as --source markdown:DIR).")
  Path dir;

  @Override
  public Integer call() throws InterruptedException {
    ModelConfig config = data.modelConfig();
    Map<String, String> env = Environment.get();
    List<SyncSource> sources = new ArrayList<>();
    for (SourceSpec spec : specs(config)) {
      SyncSource source = SourceConnectors.source(spec);
      SourceConnectors.of(source, env); // a source that cannot be read is refused before queueing
      sources.add(source);
    }
    Settings settings = Settings.fromEnvironment(data.data, null);
    try (Stratum stratum = data.open(settings)) {
      return new IngestJobs(stratum, spec.commandLine().getOut(), spec.commandLine().getErr())
          .run(sources, noWait);
    }
  }

  /** The command line's one source, else every source in the configuration's block. */
  private List<SourceSpec> specs(ModelConfig config) {
    if (source != null && dir != null) {
      throw new IllegalArgumentException(
          "ingest: give either a DIR or --source KIND:PATH, not both");
    }
    if (source != null) {
      return List.of(SourceConnectors.parse(source, workspace));
    }
    if (dir != null) {
      return List.of(new SourceSpec("markdown", dir.toString(), workspace, "DIR"));
    }
    if (config.sources().isEmpty()) {
      throw new IllegalArgumentException(
          "ingest: give a DIR, --source KIND:PATH, or a stratum_sources block in the configuration ("
              + config.source()
              + " has none)");
    }
    return config.sources();
  }
}
