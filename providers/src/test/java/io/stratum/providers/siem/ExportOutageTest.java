package io.stratum.providers.siem;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.stratum.audit.AuditEvent;
import io.stratum.audit.AuditExportException;
import io.stratum.audit.AuditExporter;
import io.stratum.audit.AuditLog;
import io.stratum.audit.AuditRecord;
import io.stratum.audit.AuditSink;
import io.stratum.audit.ExportEvent;
import io.stratum.audit.Ocsf;
import io.stratum.store.Database;
import io.stratum.testkit.HecReceiver;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import java.util.stream.LongStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Export survives what a SIEM link does to it: an outage while traffic continues, and a crash
 * between a delivery and its cursor. Afterwards every record is downstream, and after dedup by key
 * exactly once.
 */
class ExportOutageTest {
  @TempDir Path dir;
  Database store;
  AuditLog log;
  AuditExporter exporter;

  @BeforeEach
  void open() {
    store = Database.sqliteIn(dir);
    log = new AuditLog(store.sql(), dir.resolve("audit-signing.key"), dir.resolve("audit-head"));
    exporter = new AuditExporter(log, store.sql(), new Ocsf("test"));
  }

  @AfterEach
  void close() {
    store.close();
  }

  private void record(int i) {
    log.record(
        new AuditEvent("search", "success", "dana", "security", "r" + i, Map.of("k", i), null));
  }

  private Set<String> hashes() {
    return log.sealedAfter(0, 1_000_000).stream()
        .map(AuditRecord::hash)
        .collect(Collectors.toSet());
  }

  /**
   * Traffic of about 100 records a second for a second, then an outage of {@code
   * -Dstratum.outage.seconds} (default 2) while traffic goes on, then a second more.
   */
  @Test
  void an_outage_during_traffic_ends_with_every_event_delivered_once_after_dedup()
      throws Exception {
    long outageMillis = Long.getLong("stratum.outage.seconds", 2) * 1000;
    try (HecReceiver hec = new HecReceiver("t")) {
      AuditSink sink = SplunkHecSink.create(hec.url(), "t");
      AtomicBoolean stop = new AtomicBoolean();
      Thread follower =
          Thread.ofPlatform()
              .start(
                  () ->
                      exporter.follow(
                          sink, 50, Duration.ofMillis(20), Duration.ofMillis(400), stop::get));
      long start = System.nanoTime();
      int written = 0;
      int duringOutage = 0;
      for (long t = 0; t < outageMillis + 2000; t = (System.nanoTime() - start) / 1_000_000) {
        boolean down = t >= 1000 && t < 1000 + outageMillis;
        hec.down(down);
        record(written++);
        duringOutage += down ? 1 : 0;
        pause(10);
      }
      hec.down(false);
      long writerDone = System.nanoTime();
      long deadline = writerDone + Duration.ofSeconds(30).toNanos();
      while (exporter.cursor(sink.name()) < written && System.nanoTime() < deadline) {
        pause(5);
      }
      long caughtUpMillis = (System.nanoTime() - writerDone) / 1_000_000;
      stop.set(true);
      follower.join();

      List<JsonNode> got = hec.received();
      Set<String> keys =
          got.stream().map(e -> e.at("/fields/event_key").asText()).collect(Collectors.toSet());
      System.out.printf(
          "export outage: %d s, %d records (%d during the outage), %d deliveries, %d refused"
              + " requests, caught up %d ms after the last write%n",
          outageMillis / 1000,
          written,
          duringOutage,
          got.size(),
          hec.refusedRequests(),
          caughtUpMillis);
      assertThat(duringOutage).isPositive();
      assertThat(hec.refusedRequests()).isPositive();
      assertThat(exporter.cursor(sink.name())).isEqualTo(written);
      assertThat(keys).isEqualTo(hashes()).hasSize(written);
      assertThat(got.stream().map(e -> e.at("/event/unmapped/seq").asLong()).distinct().sorted())
          .containsExactlyElementsOf(LongStream.rangeClosed(1, written).boxed().toList());
    }
  }

  @Test
  void a_crash_after_delivery_before_the_cursor_moved_resends_and_dedup_leaves_each_once()
      throws Exception {
    for (int i = 0; i < 30; i++) {
      record(i);
    }
    try (HecReceiver hec = new HecReceiver("t")) {
      SplunkHecSink hecSink = SplunkHecSink.create(hec.url(), "t");
      AuditSink crashing =
          new AuditSink() {
            @Override
            public String name() {
              return hecSink.name();
            }

            @Override
            public void deliver(List<ExportEvent> events) throws IOException {
              hecSink.deliver(events);
              if (events.getFirst().seq() == 11) {
                throw new IOException("process killed before the cursor was saved");
              }
            }
          };

      assertThatThrownBy(() -> exporter.drain(crashing, 10))
          .isInstanceOf(AuditExportException.class)
          .hasMessage(
              "sink "
                  + hecSink.name()
                  + " did not take audit records 11..20: process killed before the cursor was"
                  + " saved");
      assertThat(exporter.cursor(hecSink.name())).isEqualTo(10);
      long resent = exporter.drain(hecSink, 10);

      List<String> keys =
          hec.received().stream().map(e -> e.at("/fields/event_key").asText()).toList();
      assertThat(resent).isEqualTo(20);
      assertThat(keys).hasSize(40);
      assertThat(Set.copyOf(keys)).isEqualTo(hashes()).hasSize(30);
    }
  }

  private static void pause(long ms) {
    try {
      Thread.sleep(ms);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
