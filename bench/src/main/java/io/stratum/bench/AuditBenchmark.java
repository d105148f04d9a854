package io.stratum.bench;

import io.stratum.audit.AuditEvent;
import io.stratum.audit.AuditLog;
import io.stratum.audit.EnvelopeCipher;
import io.stratum.audit.LocalKeyWrapper;
import io.stratum.store.Database;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * What the audit trail adds to a chat turn: one {@code chat.answer} record with the metadata a real
 * answer carries and a sealed body, chained, written to SQLite (WAL, synchronous=FULL) in its own
 * transaction, with the signed head file replaced. In an answer the record shares one commit with
 * the bill and the conversation turn: {@link AnswerWriteBenchmark} measures that.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SampleTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 2, time = 5)
@Measurement(iterations = 3, time = 10)
@Fork(
    value = 1,
    jvmArgs = {"-Xmx1g"})
public class AuditBenchmark {
  private Database store;
  private AuditLog log;
  private AuditEvent event;

  @Setup
  public void setUp() throws IOException {
    Path dir = Files.createTempDirectory("stratum-audit-bench");
    store = Database.sqliteIn(dir);
    log =
        new AuditLog(
            store.sql(),
            dir.resolve("audit-signing.key"),
            dir.resolve("audit-head"),
            new EnvelopeCipher(store.sql(), new LocalKeyWrapper(dir.resolve("audit-master.key"))));
    event =
        new AuditEvent(
            "chat.answer",
            "success",
            "dana",
            "security",
            "0b9c5a0e-7d57-4a8c-9e0f-4a4f7c6b2f11",
            Map.of(
                "model",
                "us.anthropic.claude-sonnet-4-6",
                "backend",
                "converse",
                "tier",
                "advanced",
                "usage",
                Map.of("input", 2310, "output", 412, "reasoning", 0),
                "costUsd",
                "0.013110",
                "passages",
                List.of("security:a#1", "security:a#2", "security:b#0", "security:c#3"),
                "citations",
                List.of("security:a", "security:b"),
                "latencyMs",
                2140),
            Map.of(
                "question",
                "How often are customer master keys rotated, and who approves it?",
                "answer",
                "Customer master keys rotate every 365 days [1]. ".repeat(12)));
  }

  @TearDown
  public void tearDown() {
    store.close();
  }

  @Benchmark
  public long recordChatTurn() {
    return log.record(event);
  }
}
