package io.stratum.app.cli;

import io.stratum.access.Principal;
import io.stratum.app.Stratum;
import io.stratum.app.config.Settings;
import io.stratum.sync.Job;
import io.stratum.sync.JobCounts;
import java.io.PrintWriter;
import java.time.Instant;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** {@code stratum jobs [--limit N]} and {@code stratum jobs show ID}: the ingest jobs. */
@Command(
    name = "jobs",
    description = {
      "List the newest ingest jobs of every source, newest first.",
      "Jobs come from stratum ingest, Sync now and the schedule. States: queued, in_progress,"
          + " success, partial_success (some files skipped), failed (retried at its next"
          + " attempt) and dead (given up, with its last error)."
    },
    subcommands = JobsCommand.Show.class)
public final class JobsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;
  @Mixin DataOption data;

  @Option(
      names = "--limit",
      paramLabel = "N",
      defaultValue = "20",
      description = "How many jobs (default: ${DEFAULT-VALUE}).")
  int limit;

  @Override
  public Integer call() {
    PrintWriter out = spec.commandLine().getOut();
    try (Stratum s = data.open(Settings.fromEnvironment(data.data, null))) {
      Columns table =
          new Columns(
              "JOB", "STATE", "SOURCE", "TRIGGER", "ATTEMPTS", "NODE", "CREATED", "DOCUMENTS");
      for (Job j : s.syncing().recent(Principal.LOCAL_OPERATOR, Math.max(1, limit))) {
        table.row(
            j.id(),
            j.state().id(),
            j.source().key(),
            j.trigger(),
            j.attempts() + "/" + j.maxAttempts(),
            j.node() == null ? "-" : j.node(),
            j.createdAt(),
            counts(j.counts()));
      }
      table.print(out);
    }
    out.flush();
    return ExitCode.OK.code;
  }

  static String counts(JobCounts c) {
    return "%d/%d seen, %d new, %d changed, %d removed, %d failed"
        .formatted(c.seen(), c.total(), c.added(), c.updated(), c.deleted(), c.failed());
  }

  /** {@code stratum jobs show ID}. */
  @Command(
      name = "show",
      description = "Show one job: its state, times, counts, error and problems.")
  static final class Show implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataOption data;

    @Parameters(paramLabel = "ID", description = "The job's id (stratum jobs lists them).")
    String id;

    @Override
    public Integer call() {
      PrintWriter out = spec.commandLine().getOut();
      try (Stratum s = data.open(Settings.fromEnvironment(data.data, null))) {
        Job j =
            s.syncing()
                .job(Principal.LOCAL_OPERATOR, id)
                .orElseThrow(() -> new IllegalArgumentException("jobs show: no job '" + id + "'"));
        line(out, "job", j.id());
        line(out, "source", j.source().key());
        line(
            out,
            "workspace",
            j.source().workspace() == null ? "(by directory)" : j.source().workspace());
        line(out, "state", j.state().id());
        line(out, "trigger", j.trigger() + " by " + j.requestedBy());
        line(out, "attempts", j.attempts() + " of " + j.maxAttempts());
        line(out, "node", j.node() == null ? "-" : j.node());
        line(out, "created", j.createdAt());
        line(out, "started", j.startedAt());
        line(out, "lease expires", j.leaseExpiresAt());
        line(out, "next attempt", j.state().finished() ? null : j.nextAttemptAt());
        line(out, "finished", j.finishedAt());
        line(
            out, "documents", counts(j.counts()) + ", " + j.counts().chunks() + " chunks embedded");
        line(out, "error", j.error());
        j.problems().forEach(p -> out.println("  skipped " + p));
      }
      out.flush();
      return ExitCode.OK.code;
    }

    private static void line(PrintWriter out, String name, Object value) {
      if (value != null) {
        out.printf("%-14s %s%n", name + ":", value instanceof Instant i ? i.toString() : value);
      }
    }
  }
}
