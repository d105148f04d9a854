package io.stratum.app.cli;

import io.stratum.app.Backup;
import io.stratum.app.Stratum;
import io.stratum.app.config.Settings;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code stratum backup --to DIR}: a consistent copy of the embedded database, the index and the
 * keys, taken while a server keeps serving. The index is copied first: a document the database
 * records but the copied index lacks is indexed again by the next ingest, never lost.
 */
@Command(
    name = "backup",
    description = {
      "Copy the database, the index and the keys to a new directory, even while Stratum serves.",
      "On PostgreSQL, copies the index and keys; back up the database with RDS snapshots or"
          + " pg_dump."
    })
public final class BackupCommand implements Callable<Integer> {
  /** What besides the database and the index a data directory needs to be read back. */
  static final List<String> KEY_FILES =
      List.of("audit-signing.key", "audit-master.key", "audit-head");

  @Spec CommandSpec spec;
  @Mixin DataOption data;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "DIR",
      description = "Where to write the backup: a directory that does not exist yet.")
  Path to;

  @Override
  public Integer call() throws IOException {
    PrintWriter out = spec.commandLine().getOut();
    if (Files.exists(to)) {
      throw new IllegalArgumentException("--to: " + to + " already exists; name a new directory");
    }
    try (Stratum s = data.open(Settings.fromEnvironment(data.data, null))) {
      Files.createDirectories(to);
      long started = System.nanoTime();
      Backup.IndexCopy indexed = s.backup().indexTo(to.resolve("index"));
      boolean embedded = s.backup().databaseTo(to.resolve("stratum.db"));
      for (String f : KEY_FILES) {
        Path from = s.dataDir().resolve(f);
        if (Files.exists(from)) {
          Files.copy(from, to.resolve(f), StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
      out.printf(
          "backed up %s to %s in %d ms (%d documents, %d chunks)%n",
          s.dataDir(),
          to,
          (System.nanoTime() - started) / 1_000_000,
          s.documentCount(),
          s.chunkCount());
      if (indexed == Backup.IndexCopy.EMPTY) {
        out.println("the index is empty: nothing has been ingested yet");
      } else if (indexed == Backup.IndexCopy.ELSEWHERE) {
        out.println(
            "the index is in "
                + s.backup().indexLocation()
                + ": back it up with OpenSearch snapshots, or rebuild it from the sources with"
                + " `stratum ingest`");
      }
      if (!embedded) {
        out.println(
            "the database is PostgreSQL: back it up with RDS/Aurora snapshots and point-in-time"
                + " recovery, or pg_dump");
      }
      return 0;
    }
  }

  /** {@code stratum restore --from DIR}: a backup becomes the data directory, which must be new. */
  @Command(
      name = "restore",
      description = "Make a backup the data directory, which must not exist yet.")
  public static final class Restore implements Callable<Integer> {
    @Spec CommandSpec spec;
    @Mixin DataOption data;

    @Option(
        names = "--from",
        required = true,
        paramLabel = "DIR",
        description = "A directory written by stratum backup.")
    Path from;

    @Override
    public Integer call() throws IOException {
      Path target = Settings.fromEnvironment(data.data, null).dataDir();
      if (!Files.isDirectory(from) || !Files.isDirectory(from.resolve("index"))) {
        throw new IllegalArgumentException(
            "--from: " + from + " is not a Stratum backup (no index directory in it)");
      }
      if (Files.exists(target)) {
        throw new IllegalArgumentException(
            "--data: "
                + target
                + " already exists; restore into a new directory (move the old one aside first)");
      }
      copyTree(from, target);
      spec.commandLine().getOut().printf("restored %s to %s%n", from, target);
      return 0;
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (var paths = Files.walk(from)) {
      paths.forEach(
          p -> {
            try {
              Path dest = to.resolve(from.relativize(p).toString());
              if (Files.isDirectory(p)) {
                Files.createDirectories(dest);
              } else {
                Files.copy(p, dest, StandardCopyOption.COPY_ATTRIBUTES);
              }
            } catch (IOException e) {
              throw new UncheckedIOException(e);
            }
          });
    }
  }
}
