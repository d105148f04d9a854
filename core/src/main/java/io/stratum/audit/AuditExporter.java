package io.stratum.audit;

import io.stratum.store.Sql;
import java.io.IOException;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.function.BooleanSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the audit trail to SIEM sinks as OCSF, each from its own persisted cursor. The cursor moves
 * only after a sink accepted a batch, so a crash or an outage resends from where it stopped and
 * nothing is skipped.
 */
public final class AuditExporter {
  private static final Logger LOG = LoggerFactory.getLogger(AuditExporter.class);
  private final AuditLog log;
  private final Sql sql;
  private final Ocsf ocsf;

  public AuditExporter(AuditLog log, Sql sql, Ocsf ocsf) {
    this.log = log;
    this.sql = sql;
    this.ocsf = ocsf;
  }

  /** The last sequence number {@code sink} acknowledged, 0 before its first delivery. */
  public long cursor(String sink) {
    return sql.read(
        "read the export cursor of " + sink,
        c -> {
          try (PreparedStatement ps =
              c.prepareStatement("SELECT last_seq FROM audit_export_cursors WHERE sink = ?")) {
            ps.setString(1, sink);
            try (ResultSet rs = ps.executeQuery()) {
              return rs.next() ? rs.getLong(1) : 0L;
            }
          }
        });
  }

  /**
   * Delivers every record after {@code sink}'s cursor, {@code batch} at a time, and returns how
   * many it delivered.
   *
   * @throws AuditExportException at the first batch the sink did not take, naming the sink and the
   *     records; those before it stay delivered
   */
  public long drain(AuditSink sink, int batch) {
    long delivered = 0;
    long from = cursor(sink.name());
    while (true) {
      List<AuditRecord> records = log.sealedAfter(from, batch);
      if (records.isEmpty()) {
        return delivered;
      }
      List<ExportEvent> events =
          records.stream()
              .map(r -> new ExportEvent(r.seq(), r.hash(), r.at().toEpochMilli(), ocsf.json(r)))
              .toList();
      long last = records.getLast().seq();
      try {
        sink.deliver(events);
      } catch (IOException | RuntimeException e) {
        throw new AuditExportException(
            "sink %s did not take audit records %d..%d: %s"
                .formatted(sink.name(), records.getFirst().seq(), last, e.getMessage()),
            e);
      }
      advance(sink.name(), last, events.size());
      from = last;
      delivered += events.size();
    }
  }

  /**
   * Drains {@code sink} until {@code stop} says so, polling every {@code poll} when caught up. A
   * failure is logged once when it starts and once when the sink is back; meanwhile it retries with
   * backoff doubling up to {@code maxBackoff}.
   */
  public void follow(
      AuditSink sink, int batch, Duration poll, Duration maxBackoff, BooleanSupplier stop) {
    Duration backoff = poll;
    boolean down = false;
    while (!stop.getAsBoolean() && !Thread.currentThread().isInterrupted()) {
      try {
        long n = drain(sink, batch);
        if (down) {
          LOG.info("audit sink {} is back; delivered {} waiting records", sink.name(), n);
        }
        down = false;
        backoff = poll;
      } catch (AuditExportException e) {
        if (down) {
          Duration doubled = backoff.multipliedBy(2);
          backoff = doubled.compareTo(maxBackoff) > 0 ? maxBackoff : doubled;
        } else {
          LOG.warn("{}; retrying with backoff", e.getMessage());
        }
        down = true;
      }
      sleep(backoff);
    }
  }

  private void advance(String sink, long seq, int count) {
    sql.write(
        "save the export cursor of " + sink,
        c -> {
          try (PreparedStatement up =
              c.prepareStatement(
                  "UPDATE audit_export_cursors SET last_seq = ?, delivered = delivered + ?,"
                      + " updated_at = ? WHERE sink = ?")) {
            up.setLong(1, seq);
            up.setLong(2, count);
            up.setTimestamp(3, sql.now());
            up.setString(4, sink);
            if (up.executeUpdate() == 1) {
              return null;
            }
          }
          try (PreparedStatement ins =
              c.prepareStatement(
                  "INSERT INTO audit_export_cursors (sink, last_seq, delivered, updated_at)"
                      + " VALUES (?, ?, ?, ?)")) {
            ins.setString(1, sink);
            ins.setLong(2, seq);
            ins.setLong(3, count);
            ins.setTimestamp(4, sql.now());
            ins.executeUpdate();
          }
          return null;
        });
  }

  private static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
