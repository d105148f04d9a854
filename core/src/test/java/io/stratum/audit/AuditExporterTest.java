package io.stratum.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.stratum.store.TestDatabases;
import io.stratum.store.TestStores;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The export cursor moves only past what a sink took, so an outage resends and skips nothing. */
class AuditExporterTest {
  @TempDir Path dir;
  TestStores store;
  AuditLog log;
  AuditExporter exporter;
  final Ocsf ocsf = new Ocsf("1.2.3");

  /** A sink that keeps what it took, in batches, and refuses while {@code down} is positive. */
  static final class KeepingSink implements AuditSink {
    final String name;
    final List<List<ExportEvent>> batches = new ArrayList<>();
    final AtomicInteger down = new AtomicInteger();

    KeepingSink(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void deliver(List<ExportEvent> events) throws IOException {
      if (down.get() > 0) {
        down.decrementAndGet();
        throw new IOException("connection refused");
      }
      batches.add(List.copyOf(events));
    }

    List<Long> seqs() {
      return batches.stream().flatMap(List::stream).map(ExportEvent::seq).toList();
    }
  }

  @BeforeEach
  void open() {
    store = TestStores.open(TestDatabases.Engine.SQLITE, dir);
    log = new AuditLog(store.sql(), dir.resolve("audit-signing.key"), dir.resolve("audit-head"));
    exporter = new AuditExporter(log, store.sql(), ocsf);
    for (int i = 1; i <= 5; i++) {
      record(i);
    }
  }

  private void record(int i) {
    log.record(
        new AuditEvent("search", "success", "alice", "security", "req-" + i, Map.of(), Map.of()));
  }

  @AfterEach
  void close() {
    log.flushHead(); // the head's own thread must be done with the directory before it goes
    store.close();
  }

  @Test
  void a_drain_delivers_every_record_in_batches_as_ocsf_keyed_by_the_chain_hash() {
    KeepingSink sink = new KeepingSink("siem");

    assertThat(exporter.cursor("siem")).isZero();
    assertThat(exporter.drain(sink, 2)).isEqualTo(5);

    assertThat(sink.batches).extracting(List::size).containsExactly(2, 2, 1);
    AuditRecord first = log.sealedAfter(0, 1).get(0);
    assertThat(sink.batches.get(0).get(0))
        .isEqualTo(new ExportEvent(1, first.hash(), first.at().toEpochMilli(), ocsf.json(first)));
    assertThat(exporter.cursor("siem")).isEqualTo(5);
    assertThat(exporter.drain(sink, 2)).as("caught up: nothing to send").isZero();
  }

  @Test
  void a_refused_batch_names_the_sink_and_records_and_the_next_drain_resends_from_there() {
    KeepingSink sink = new KeepingSink("siem");
    exporter.drain(sink, 10);
    record(6);
    record(7);
    sink.down.set(1);

    assertThatThrownBy(() -> exporter.drain(sink, 10))
        .isInstanceOf(AuditExportException.class)
        .hasMessage("sink siem did not take audit records 6..7: connection refused");
    assertThat(exporter.cursor("siem")).isEqualTo(5);

    assertThat(exporter.drain(sink, 10)).isEqualTo(2);
    assertThat(sink.seqs()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L);
    assertThat(exporter.cursor("siem")).isEqualTo(7);
  }

  @Test
  void each_sink_has_its_own_cursor_and_a_new_sink_of_the_same_name_resumes() {
    exporter.drain(new KeepingSink("siem"), 3);
    record(6);
    KeepingSink again = new KeepingSink("siem");
    KeepingSink other = new KeepingSink("archive");

    exporter.drain(again, 10);
    exporter.drain(other, 10);

    assertThat(again.seqs()).containsExactly(6L);
    assertThat(other.seqs()).containsExactly(1L, 2L, 3L, 4L, 5L, 6L);
    assertThat(exporter.cursor("archive")).isEqualTo(6);
  }

  @Test
  void follow_keeps_delivering_through_an_outage_until_told_to_stop() {
    KeepingSink sink = new KeepingSink("siem");
    sink.down.set(3);
    AtomicInteger rounds = new AtomicInteger();

    exporter.follow(
        sink,
        10,
        Duration.ofMillis(1),
        Duration.ofMillis(4),
        () -> sink.seqs().size() == 5 || rounds.incrementAndGet() > 1000);

    assertThat(sink.seqs()).containsExactly(1L, 2L, 3L, 4L, 5L);
    assertThat(sink.down.get()).isZero();
    assertThat(exporter.cursor("siem")).isEqualTo(5);
  }
}
