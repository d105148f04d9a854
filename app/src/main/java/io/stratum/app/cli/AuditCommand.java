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
    description = "Verify, query, trim or export the audit trail of the local data directory.",
    subcommands = {
      AuditCommand.Verify.class,
      AuditCommand.Query.class,
      AuditCommand.Expire.class,
      AuditCommand.Export.class
    })
public final class AuditCommand {
  @Command(
      name = "verify",
      description = {
        "Recompute the hash chain and check the signatures.",
        "Exits 5 on the first break, and 7 when the chain is intact but names records lost in a"
            + " crash (audit.gap)."
      })
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
        return (!v.ok()
                ? ExitCode.AUDIT_BROKEN
                : v.gaps().isEmpty() ? ExitCode.OK : ExitCode.AUDIT_GAP)
            .code;
      }
    }
  }

  @Command(
      name = "export",
      description = {
        "Send the audit trail as OCSF 1.3.0 to the configured sinks, or as JSON Lines to a directory.",
        "The sinks are the configuration's stratum_audit_* keys; each resumes from its saved cursor."
            + " Exits 6 if a sink fails."
      })
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
      int code = ExitCode.OK.code;
      try (s) {
        for (AuditSink sink : sinks) {
          try (sink) {
            long n = exporter.drain(sink, AuditExports.BATCH);
            out.println(
                "%s: sent %d records, now at record %d"
                    .formatted(sink.name(), n, exporter.cursor(sink.name())));
          } catch (AuditExportException e) {
            spec.commandLine().getErr().println(e.getMessage());
            code = ExitCode.EXPORT_FAILED.code;
          } catch (Exception e) {
            spec.commandLine().getErr().println(sink.name() + ": " + e.getMessage());
            code = ExitCode.EXPORT_FAILED.code;
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
      description = {
        "Drop prompt and answer texts older than N days.",
        "The records' metadata and the hash chain stay."
      })
  static final class Expire implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataOption data;

    @Option(
        names = "--older-than-days",
        required = true,
        paramLabel = "N",
        description = "Age in days; 0 drops them all.")
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

    @Option(
        names = "--since",
        paramLabel = "INSTANT",
        description = "Records at or after this instant, e.g. 2026-11-26T00:00:00Z.")
    Instant since;

    @Option(names = "--until", paramLabel = "INSTANT", description = "Records before this instant.")
    Instant until;

    @Option(names = "--principal", paramLabel = "ID", description = "Records of this principal.")
    String principal;

    @Option(names = "--workspace", paramLabel = "WS", description = "Records of this workspace.")
    String workspace;

    @Option(
        names = "--action",
        paramLabel = "ACTION",
        description = "Records of this action, e.g. chat.* or token.issued.")
    String action;

    @Option(
        names = "--model",
        paramLabel = "ID",
        description = "Records of calls this model served.")
    String model;

    @Option(
        names = "--limit",
        defaultValue = "100",
        paramLabel = "N",
        description = "At most N records (default ${DEFAULT-VALUE}).")
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
