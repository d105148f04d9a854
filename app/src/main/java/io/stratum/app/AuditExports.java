package io.stratum.app;

import io.stratum.app.config.AuditExportSettings;
import io.stratum.app.config.ModelConfig;
import io.stratum.audit.AuditExporter;
import io.stratum.audit.AuditSink;
import io.stratum.providers.siem.JsonLinesSink;
import io.stratum.providers.siem.KinesisSink;
import io.stratum.providers.siem.SplunkHecSink;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The configured SIEM sinks, and a background follower per sink while the server runs: each drains
 * the audit trail from its own cursor, rides out outages with backoff, and stops on close.
 */
public final class AuditExports implements AutoCloseable {
  public static final int BATCH = 500;
  private static final Logger LOG = LoggerFactory.getLogger(AuditExports.class);
  private final List<AuditSink> sinks;
  private final List<Thread> followers = new ArrayList<>();
  private final AtomicBoolean stop = new AtomicBoolean();

  private AuditExports(List<AuditSink> sinks) {
    this.sinks = sinks;
  }

  /** The sinks {@code config} names, in the order jsonl, hec, kinesis. */
  public static List<AuditSink> sinks(ModelConfig config, Map<String, String> env) {
    AuditExportSettings s = config.audit().export();
    List<AuditSink> out = new ArrayList<>();
    if (s.jsonlDir() != null) {
      out.add(jsonl(s.jsonlDir(), s.jsonlRotateBytes()));
    }
    if (s.hecUrl() != null) {
      out.add(SplunkHecSink.create(s.hecUrl(), env.get(AuditExportSettings.HEC_TOKEN_ENV)));
    }
    if (s.kinesisStream() != null) {
      out.add(
          KinesisSink.create(s.kinesisStream(), config.aws().region(), s.kinesisEndpoint(), null));
    }
    return out;
  }

  public static AuditSink jsonl(Path dir, long rotateBytes) {
    return new JsonLinesSink(dir, rotateBytes, Clock.systemUTC());
  }

  /** Starts following every sink; with none configured, does nothing. */
  public static AuditExports follow(AuditExporter exporter, List<AuditSink> sinks) {
    AuditExports e = new AuditExports(sinks);
    for (AuditSink sink : sinks) {
      e.followers.add(
          Thread.ofPlatform()
              .daemon()
              .name("audit-export-" + sink.name())
              .start(
                  () ->
                      exporter.follow(
                          sink, BATCH, Duration.ofSeconds(1), Duration.ofMinutes(1), e.stop::get)));
      LOG.info(
          "exporting the audit trail as OCSF to {} from record {}",
          sink.name(),
          exporter.cursor(sink.name()) + 1);
    }
    return e;
  }

  @Override
  public void close() {
    stop.set(true);
    for (Thread t : followers) {
      t.interrupt();
      try {
        t.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    for (AuditSink s : sinks) {
      try {
        s.close();
      } catch (Exception e) {
        LOG.warn("closing audit sink {} failed: {}", s.name(), e.getMessage());
      }
    }
  }

  @Override
  public String toString() {
    return "audit export";
  }
}
