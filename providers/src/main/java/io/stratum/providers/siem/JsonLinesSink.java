package io.stratum.providers.siem;

import io.stratum.audit.AuditSink;
import io.stratum.audit.ExportEvent;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Clock;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;

/**
 * OCSF events as JSON Lines in {@code stratum-audit.ocsf.jsonl}, for a log shipper (Fluent Bit, the
 * Splunk forwarder, the CloudWatch agent) to tail. A file that would pass {@code rotateBytes} is
 * renamed with its time first. Each batch is forced to disk before it counts as delivered, and a
 * line cut short by a crash is trimmed before the next write, since its batch is sent again whole.
 */
public final class JsonLinesSink implements AuditSink {
  static final String FILE = "stratum-audit.ocsf.jsonl";
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);
  private final Path dir;
  private final long rotateBytes;
  private final Clock clock;

  public JsonLinesSink(Path dir, long rotateBytes, Clock clock) {
    this.dir = dir.toAbsolutePath().normalize();
    this.rotateBytes = rotateBytes;
    this.clock = clock;
  }

  @Override
  public String name() {
    return "jsonl:" + dir;
  }

  @Override
  public void deliver(List<ExportEvent> events) throws IOException {
    Files.createDirectories(dir);
    StringBuilder lines = new StringBuilder();
    for (ExportEvent e : events) {
      lines.append(e.json()).append('\n');
    }
    byte[] bytes = lines.toString().getBytes(StandardCharsets.UTF_8);
    Path file = dir.resolve(FILE);
    if (Files.exists(file)
        && Files.size(file) > 0
        && Files.size(file) + bytes.length > rotateBytes) {
      rotate(file);
    }
    try (FileChannel ch =
        FileChannel.open(
            file, StandardOpenOption.CREATE, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
      ch.position(completeLines(ch));
      ch.truncate(ch.position());
      ByteBuffer buf = ByteBuffer.wrap(bytes);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    }
  }

  /** Where the last complete line ends. */
  private static long completeLines(FileChannel ch) throws IOException {
    long end = ch.size();
    ByteBuffer one = ByteBuffer.allocate(1);
    while (end > 0) {
      one.clear();
      ch.read(one, end - 1);
      if (one.get(0) == '\n') {
        return end;
      }
      end--;
    }
    return 0;
  }

  private void rotate(Path file) throws IOException {
    String stamp = STAMP.format(clock.instant());
    Path target = dir.resolve("stratum-audit.ocsf-" + stamp + ".jsonl");
    for (int n = 1; Files.exists(target); n++) {
      target = dir.resolve("stratum-audit.ocsf-" + stamp + "-" + n + ".jsonl");
    }
    Files.move(file, target, StandardCopyOption.ATOMIC_MOVE);
  }
}
