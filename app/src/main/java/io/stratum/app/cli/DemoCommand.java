package io.stratum.app.cli;

import io.stratum.access.IssuedToken;
import io.stratum.access.Principal;
import io.stratum.app.SampleCorpus;
import io.stratum.app.Stratum;
import io.stratum.app.SyncService;
import io.stratum.app.config.Environment;
import io.stratum.app.config.Settings;
import io.stratum.app.http.HttpApi;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.ingest.IngestReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stratum demo}: the whole product on embedded defaults, offline. Ingests the sample corpus
 * (skipping unchanged files), makes the accounts (reusing the members' tokens while they work),
 * answers one question, serves, and says what to try next.
 */
@Command(
    name = "demo",
    description = {
      "Ingest the built-in sample corpus, serve the API, and answer a sample question.",
      "Runs offline on embedded defaults (local index, local embeddings, local answer model). A"
          + " member of each sample workspace gets a 30-day token, kept in the data directory's"
          + " demo-tokens and shown again on later runs until it expires or is revoked."
    })
public final class DemoCommand implements Callable<Integer> {
  static final String SAMPLE_WORKSPACE = "security";
  static final String SAMPLE_QUESTION = "How often are customer master keys rotated?";

  @Spec CommandSpec spec;
  @Mixin DataOption data;
  @Mixin ServerOptions server;

  @Option(
      names = "--no-serve",
      description = "Ingest and answer the sample question, then exit without serving.")
  boolean noServe;

  @Option(
      names = "--admin-token",
      paramLabel = "TOKEN",
      description =
          "Use this org-admin token (stt_ and 20+ characters), so scripts can drive the demo; visible to other users in the process list, so prefer --admin-token-file or $STRATUM_DEMO_ADMIN_TOKEN (the default).")
  String adminToken;

  @Option(
      names = "--admin-token-file",
      paramLabel = "FILE",
      description =
          "Read the org-admin token from the first line of FILE (readable by its owner only).")
  Path adminTokenFile;

  @Override
  public Integer call() {
    Settings settings = Settings.fromEnvironment(data.data, server.port);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    String fixed =
        new Secret("--admin-token", "STRATUM_DEMO_ADMIN_TOKEN")
            .resolve(adminToken, adminTokenFile, Environment.get(), err);
    if (!noServe) {
      Serving.requireFree(server.host, settings.port());
    }
    Path corpus = SampleCorpus.extractTo(settings.dataDir().resolve("sample-corpus"));
    Stratum stratum = data.openServer(settings);
    HttpApi api = null;
    try {
      out.println("Data directory: " + settings.dataDir());
      IngestReport report =
          stratum.documents().ingest(MarkdownConnector.byDirectory(corpus), new Progress(err));
      IngestReports.print(report, out, err);
      Optional<IssuedToken> admin = stratum.firstRun().orgAdmin(fixed);
      DemoTokens keptIn = new DemoTokens(settings.dataDir());
      Map<String, String> kept = keptIn.kept();
      List<IssuedToken> members =
          stratum
              .firstRun()
              .demoMembers(
                  stratum.administration().workspaces(Principal.LOCAL_OPERATOR).stream()
                      .map(w -> w.id())
                      .sorted()
                      .toList(),
                  kept);
      keptIn.keep(members);
      DemoGuide.tokens(out, admin, fixed != null && !fixed.isBlank(), members, kept, keptIn);
      if (!noServe) {
        out.println();
        api =
            Serving.start(stratum, server.host, settings.port(), data.modelConfig().browser(), out);
      }
      out.println();
      out.println("Q [" + SAMPLE_WORKSPACE + "]: " + SAMPLE_QUESTION);
      out.print("A: ");
      stratum
          .answering()
          .ask(Principal.LOCAL_OPERATOR, SAMPLE_WORKSPACE, SAMPLE_QUESTION, new AnswerPrinter(out));
      out.println();
      if (noServe) {
        DemoGuide.whatToTryOffline(out, settings.dataDir().toString());
        stratum.close();
        return 0;
      }
      DemoGuide.whatToTryNext(
          out, Serving.displayHost(server.host), api.port(), DemoGuide.exampleMember(members));
      out.println();
      out.println("Serving until Ctrl-C.");
      out.flush();
    } catch (RuntimeException e) {
      if (api != null) {
        api.close();
      }
      stratum.close();
      throw e;
    }
    SyncService sync = SyncService.start(stratum, SyncService.Timings.STANDARD);
    Serving.untilInterrupted("stratum", api, sync, stratum);
    return 0;
  }
}
