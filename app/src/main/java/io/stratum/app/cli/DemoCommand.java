package io.stratum.app.cli;

import io.stratum.app.SampleCorpus;
import io.stratum.app.Stratum;
import io.stratum.app.config.Settings;
import io.stratum.app.http.HttpApi;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.ingest.IngestReport;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stratum demo}: the whole product on embedded defaults, offline. Ingests the sample corpus
 * (skipping unchanged files), serves the API, prints commands to try, and answers one question.
 */
@Command(
    name = "demo",
    description = {
      "Ingest the built-in sample corpus, serve the API, and answer a sample question.",
      "Runs offline on embedded defaults (local index, local embeddings, local answer model)."
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

  @Override
  public Integer call() {
    Settings settings = Settings.fromEnvironment(data.data, server.port);
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (!noServe) {
      Serving.requireFree(server.host, settings.port());
    }
    Path corpus = SampleCorpus.extractTo(settings.dataDir().resolve("sample-corpus"));
    Stratum stratum = data.open(settings);
    HttpApi api = null;
    try {
      out.println("Data directory: " + settings.dataDir());
      IngestReport report =
          stratum.ingest(MarkdownConnector.byDirectory(corpus), new Progress(err));
      IngestReports.print(report, out, err);
      if (!noServe) {
        api = Serving.start(stratum, server.host, settings.port(), out);
        printTryThis(out, Serving.displayHost(server.host), api.port());
      }
      out.println();
      out.println("Q [" + SAMPLE_WORKSPACE + "]: " + SAMPLE_QUESTION);
      out.print("A: ");
      stratum.ask(SAMPLE_WORKSPACE, SAMPLE_QUESTION, new AnswerPrinter(out));
      out.println();
      if (noServe) {
        stratum.close();
        return 0;
      }
      out.println("Serving until Ctrl-C.");
      out.flush();
    } catch (RuntimeException e) {
      if (api != null) {
        api.close();
      }
      stratum.close();
      throw e;
    }
    Serving.untilInterrupted("stratum", api, stratum);
    return 0;
  }

  private static void printTryThis(PrintWriter out, String host, int port) {
    String base = "http://" + host + ":" + port;
    out.println();
    out.println("Try it:");
    out.println("  curl -s " + base + "/api/workspaces");
    out.println(
        "  curl -s '" + base + "/api/workspaces/operations/search?q=database+failover&k=3'");
    out.println(
        "  curl -N -X POST "
            + base
            + "/api/workspaces/compliance/ask -H 'Content-Type: application/json' \\\n"
            + "       -d '{\"question\": \"How often are backups tested?\"}'");
  }
}
