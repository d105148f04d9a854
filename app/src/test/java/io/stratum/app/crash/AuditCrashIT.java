package io.stratum.app.crash;

import static org.assertj.core.api.Assertions.assertThat;

import io.stratum.audit.AuditLog;
import io.stratum.audit.EnvelopeCipher;
import io.stratum.audit.LocalKeyWrapper;
import io.stratum.store.Database;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 in the middle of heavy audit traffic: every record the writer saw committed is still
 * there afterwards, and the chain, its checkpoints and its signed head verify.
 */
class AuditCrashIT {
  @Test
  void a_killed_writer_loses_no_committed_record_and_the_chain_verifies(@TempDir Path dir)
      throws Exception {
    Process writer =
        new ProcessBuilder(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp",
                System.getProperty("java.class.path"),
                AuditWriter.class.getName(),
                dir.toString())
            .redirectError(ProcessBuilder.Redirect.DISCARD)
            .start();
    long lastSeen = 0;
    try (BufferedReader out =
        new BufferedReader(
            new InputStreamReader(writer.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line; lastSeen < 1500 && (line = out.readLine()) != null; ) {
        if (line.startsWith("committed ")) {
          lastSeen = Long.parseLong(line.substring("committed ".length()));
        }
      }
      writer.destroyForcibly(); // SIGKILL: no shutdown hooks, no flush
      assertThat(writer.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }

    try (Database store = Database.sqliteIn(dir)) {
      AuditLog log =
          new AuditLog(
              store.sql(),
              dir.resolve("audit-signing.key"),
              dir.resolve("audit-head"),
              new EnvelopeCipher(
                  store.sql(), new LocalKeyWrapper(dir.resolve("audit-master.key"))));
      AuditLog.Verification v = log.verify();

      assertThat(lastSeen).isGreaterThanOrEqualTo(1500);
      assertThat(v.ok()).as(v.toString()).isTrue();
      assertThat(v.records()).isGreaterThanOrEqualTo(lastSeen);
      assertThat(v.checkpoints()).isGreaterThanOrEqualTo(lastSeen / AuditLog.CHECKPOINT_EVERY);
    }
  }
}
