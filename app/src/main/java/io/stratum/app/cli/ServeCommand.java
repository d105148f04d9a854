package io.stratum.app.cli;

import io.stratum.app.AuditExports;
import io.stratum.app.DataDirectoryInUseException;
import io.stratum.app.ModelDiscovery;
import io.stratum.app.Stratum;
import io.stratum.app.SyncService;
import io.stratum.app.config.Environment;
import io.stratum.app.config.ModelConfig;
import io.stratum.app.config.Settings;
import io.stratum.app.http.HttpApi;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stratum serve}: the HTTP API over an existing data directory. */
@Command(
    name = "serve",
    description = {
      "Serve the HTTP API and MCP over the data directory until Ctrl-C.",
      "On first run it makes an org admin and prints its token once, unless one is given"
          + " (--admin-token-file or $STRATUM_ADMIN_TOKEN: a container's output is its log)."
          + " Exports the audit trail to the configured sinks as it serves, runs ingest jobs"
          + " (from stratum ingest, Sync now, and the schedule of the configured sources:"
          + " hourly unless a source's interval says otherwise), and shares them with every"
          + " other server over the same database."
    })
public final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOption data;
  @Mixin ServerOptions server;

  @Option(
      names = "--admin-token-file",
      paramLabel = "FILE",
      description =
          "Register the org-admin token on the first line of FILE (readable by its owner only)"
              + " instead of printing a new one; $STRATUM_ADMIN_TOKEN does the same.")
  Path adminTokenFile;

  @Override
  public Integer call() {
    Settings settings = Settings.fromEnvironment(data.data, server.port);
    String given =
        new Secret("--admin-token", "STRATUM_ADMIN_TOKEN")
            .resolve(null, adminTokenFile, Environment.get(), spec.commandLine().getErr());
    Stratum stratum = data.openServer(settings);
    if (stratum.indexReadOnly()) {
      stratum.close();
      throw new DataDirectoryInUseException(settings.dataDir());
    }
    HttpApi api;
    try {
      stratum
          .firstRun()
          .orgAdmin(given)
          .ifPresent(
              t ->
                  spec.commandLine()
                      .getOut()
                      .println(
                          "First run: org-admin token (shown once; keep it): "
                              + t.token()
                              + "\nMore with: stratum admin token create --principal ID"));
      api =
          Serving.start(
              stratum,
              server.host,
              settings.port(),
              data.modelConfig().browser(),
              spec.commandLine().getOut());
    } catch (RuntimeException e) {
      stratum.close();
      throw e;
    }
    AuditExports exports =
        AuditExports.follow(
            stratum.auditExporter(VersionProvider.version()),
            AuditExports.sinks(data.modelConfig(), Environment.get()));
    ModelConfig c = data.modelConfig();
    AutoCloseable discovery =
        c.aws().modelsRefresh() == null || c.tiers().localOnly()
            ? () -> {}
            : ModelDiscovery.every(
                c.aws().modelsRefresh(), () -> ModelDiscovery.refresh(c, Environment.get()));
    SyncService sync = SyncService.start(stratum, SyncService.Timings.STANDARD);
    Serving.untilInterrupted("stratum", discovery, api, sync, exports, stratum);
    return 0;
  }
}
