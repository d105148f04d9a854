package io.stratum.app.cli;

import io.stratum.app.IndexRebuild;
import io.stratum.app.Stratum;
import io.stratum.app.config.Settings;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** {@code stratum index rebuild}: a new OpenSearch index, filled from the store, swapped in. */
@Command(
    name = "index",
    description = "Manage the corpus index.",
    subcommands = IndexCommand.Rebuild.class)
public final class IndexCommand {
  /** {@code stratum index rebuild}. */
  @Command(
      name = "rebuild",
      description = {
        "Re-embed every stored document into a new OpenSearch index and swap it in atomically.",
        "The alias PREFIX-chunks moves to the new index in one request and the old index is",
        "deleted; searches go on over the old index meanwhile. For the embedded index: delete",
        "DATA/index and run `stratum ingest`."
      })
  static final class Rebuild implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataOption data;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      long started = System.nanoTime();
      try (Stratum s = data.open(Settings.fromEnvironment(data.data, null))) {
        IndexRebuild.Result r = s.indexRebuild().run();
        out.printf(
            "rebuilt the index as %s: %d documents, %d chunks, in %d ms; searches now use it%n",
            r.index(), r.documents(), r.chunks(), (System.nanoTime() - started) / 1_000_000);
        return 0;
      }
    }
  }
}
