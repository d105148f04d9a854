package io.stratum.app.crash;

import io.stratum.audit.AuditEvent;
import io.stratum.audit.AuditLog;
import io.stratum.audit.EnvelopeCipher;
import io.stratum.audit.LocalKeyWrapper;
import io.stratum.store.Database;
import java.nio.file.Path;
import java.util.Map;

/**
 * Writes audit records as fast as it can, printing each committed sequence number, until it is
 * killed: the process {@link AuditCrashIT} kills with SIGKILL.
 */
public final class AuditWriter {
  private AuditWriter() {}

  public static void main(String[] args) {
    Path dir = Path.of(args[0]);
    Database store = Database.sqliteIn(dir);
    AuditLog log =
        new AuditLog(
            store.sql(),
            dir.resolve("audit-signing.key"),
            dir.resolve("audit-head"),
            new EnvelopeCipher(store.sql(), new LocalKeyWrapper(dir.resolve("audit-master.key"))));
    for (long i = 0; ; i++) {
      long seq =
          log.record(
              new AuditEvent(
                  "chat.answer",
                  "success",
                  "load",
                  "ops",
                  "req-" + i,
                  Map.of("i", i),
                  Map.of("question", "q" + i, "answer", "a" + i)));
      System.out.println("committed " + seq);
      System.out.flush();
    }
  }
}
