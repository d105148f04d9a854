package io.stratum.app.cli;

import io.stratum.app.AuditExports;
import io.stratum.app.Stratum;
import io.stratum.app.config.Environment;
import io.stratum.app.config.ModelConfig;
import io.stratum.app.config.Settings;
import io.stratum.audit.AuditExportException;
import io.stratum.audit.AuditExporter;
import io.stratum.audit.AuditLog;
import io.stratum.audit.AuditRecord;
import io.stratum.audit.AuditSink;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code stratum audit verify|query|expire-bodies|export}: the local data directory's trail. */
@Command(
    name = "audit",
    description = "Verify or query the audit trail.",
    subcommands = {
      AuditCommand.Verify.class,
      AuditCommand.Query.class,
      AuditCommand.Expire.class,
      AuditCommand.Export.class
    })
public final class AuditCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Override
  public Integer call() {
    spec.commandLine().usage(spec.commandLine().getOut());
    return 2;
  }

  @Command(
      name = "verify",
      description =
          "Recompute the hash chain and check the signatures; exit 5 on the first break, 7 when"
              + " the chain is intact but names records lost in a crash (audit.gap).")
  static final class Verify implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataOption data;

    @Override
    public Integer call() {
      try (Stratum s = data.open(Settings.fromEnvironment(data.data, null))) {
        AuditLog.Verification v = s.auditLog().verify();
        PrintWriter out = v.ok() ? spec.commandLine().getOut() : spec.commandLine().getErr();
        out.println(v);
        out.flush();
        return !v.ok() ? 5 : v.gaps().isEmpty() ? 0 : 7;
      }
    }
  }

  @Command(
      name = "export",
      description =
          "Send the audit trail as OCSF 1.3.0 to the configured sinks (stratum_audit_*), or as JSON"
              + " Lines to --to DIR, from each sink's saved cursor; exit 6 if a sink fails.")
  static final class Export implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataOption data;

    @Option(
        names = "--to",
        paramLabel = "DIR",
        description = "Write JSON Lines here instead of the configured sinks.")
    Path to;

    @Option(
        names = "--follow",
        description = "Keep exporting new records until interrupted, riding out sink outages.")
    boolean follow;

    @Override
    public Integer call() {
      Map<String, String> env = Environment.get();
      ModelConfig config = data.modelConfig();
      List<AuditSink> sinks =
          to != null
              ? List.of(AuditExports.jsonl(to, config.audit().export().jsonlRotateBytes()))
              : AuditExports.sinks(config, env);
      if (sinks.isEmpty()) {
        throw new IllegalArgumentException(
            "no audit sink configured: set stratum_audit_jsonl_dir, stratum_audit_hec_url or"
                + " stratum_audit_kinesis_stream in "
                + config.source()
                + ", or pass --to DIR");
      }
      Stratum s = data.open(Settings.fromEnvironment(data.data, null));
      AuditExporter exporter = s.auditExporter(VersionProvider.version());
      if (follow) {
        AuditExports running = AuditExports.follow(exporter, sinks);
        Serving.untilInterrupted("stratum-audit-export", running, s);
        return 0;
      }
      PrintWriter out = spec.commandLine().getOut();
      int code = 0;
      try (s) {
        for (AuditSink sink : sinks) {
          try (sink) {
            long n = exporter.drain(sink, AuditExports.BATCH);
            out.println(
                "%s: sent %d records, now at record %d"
                    .formatted(sink.name(), n, exporter.cursor(sink.name())));
          } catch (AuditExportException e) {
            spec.commandLine().getErr().println(e.getMessage());
            code = 6;
          } catch (Exception e) {
            spec.commandLine().getErr().println(sink.name() + ": " + e.getMessage());
            code = 6;
          }
        }
      }
      out.flush();
      spec.commandLine().getErr().flush();
      return code;
    }
  }

  @Command(
      name = "expire-bodies",
      description = "Drop prompt and answer texts older than N days; metadata and chain stay.")
  static final class Expire implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataOption data;

    @Option(names = "--older-than-days", required = true, paramLabel = "N")
    int days;

    @Override
    public Integer call() {
      if (days < 0) {
        throw new IllegalArgumentException(
            "--older-than-days: expected a number >= 0, got " + days);
      }
      try (Stratum s = data.open(Settings.fromEnvironment(data.data, null))) {
        int n = s.auditLog().expireBodies(Instant.now().minus(Duration.ofDays(days)));
        spec.commandLine()
            .getOut()
            .println("dropped " + n + " audit bodies older than " + days + " days");
      }
      spec.commandLine().getOut().flush();
      return 0;
    }
  }

  @Command(name = "query", description = "Print audit records as JSON lines, oldest first.")
  static final class Query implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataOption data;

    @Option(names = "--since", paramLabel = "INSTANT", description = "e.g. 2026-11-26T00:00:00Z")
    Instant since;

    @Option(names = "--until", paramLabel = "INSTANT")
    Instant until;

    @Option(names = "--principal")
    String principal;

    @Option(names = "--workspace")
    String workspace;

    @Option(names = "--action", description = "e.g. chat.* or token.issued")
    String action;

    @Option(names = "--model", description = "the model id that served the call")
    String model;

    @Option(names = "--limit", defaultValue = "100")
    int limit;

    @Override
    public Integer call() throws Exception {
      PrintWriter out = spec.commandLine().getOut();
      try (Stratum s = data.open(Settings.fromEnvironment(data.data, null))) {
        for (AuditRecord r :
            s.auditLog()
                .query(
                    new AuditLog.Query(
                        since,
                        until,
                        principal,
                        workspace == null ? null : Set.of(workspace),
                        action,
                        model,
                        0,
                        limit))) {
          out.println(ModelsCommand.JSON.writeValueAsString(r.asMap()));
        }
      }
      out.flush();
      return 0;
    }
  }
}
