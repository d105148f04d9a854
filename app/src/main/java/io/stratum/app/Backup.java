package io.stratum.app;

import io.stratum.index.CorpusIndex;
import io.stratum.index.LuceneIndex;
import io.stratum.store.Database;
import io.stratum.store.Dialect;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * What {@code stratum backup} copies of a data directory that may be in use: the embedded database
 * (SQLite's {@code VACUUM INTO}) and the index's last commit.
 */
public final class Backup {
  private final Database database;
  private final CorpusIndex index;

  Backup(Database database, CorpusIndex index) {
    this.database = database;
    this.index = index;
  }

  /**
   * A consistent copy of the embedded database, taken while it keeps being written; false (and no
   * file) for PostgreSQL, which is backed up by its own means.
   */
  public boolean databaseTo(Path file) {
    if (database.dialect() != Dialect.SQLITE) {
      return false;
    }
    database.backupTo(file);
    return true;
  }

  /** What {@link #indexTo} did. */
  public enum IndexCopy {
    /** The embedded index's last commit was copied. */
    COPIED,
    /** Nothing was ever ingested: the copy is an empty directory. */
    EMPTY,
    /** The index lives in OpenSearch, which backs itself up (snapshots): nothing was copied. */
    ELSEWHERE
  }

  /**
   * Copies the embedded index's last commit to {@code target} while it keeps being written; an
   * empty {@code target} when nothing was ever ingested, nothing for an index in OpenSearch.
   */
  public IndexCopy indexTo(Path target) {
    if (!(index instanceof LuceneIndex local)) {
      return IndexCopy.ELSEWHERE;
    }
    if (!local.hasCommit()) {
      try {
        Files.createDirectories(target);
      } catch (IOException e) {
        throw new UncheckedIOException("cannot create " + target, e);
      }
      return IndexCopy.EMPTY;
    }
    local.backupTo(target);
    return IndexCopy.COPIED;
  }

  /** Where the index is: a directory, or an OpenSearch server and index. */
  public String indexLocation() {
    return index.location();
  }
}
