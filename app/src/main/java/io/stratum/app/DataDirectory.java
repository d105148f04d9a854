package io.stratum.app;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The data directory holds conversations, the audit trail and the keys that seal them: only the
 * account Stratum runs as may enter it.
 */
final class DataDirectory {
  private static final Logger LOG = LoggerFactory.getLogger(DataDirectory.class);
  private static final Set<PosixFilePermission> OWNER_ONLY =
      PosixFilePermissions.fromString("rwx------");

  private DataDirectory() {}

  /** Creates {@code dir} as {@code 0700}, or narrows an existing one that others could enter. */
  static void secure(Path dir) {
    try {
      Files.createDirectories(dir);
      Set<PosixFilePermission> now = Files.getPosixFilePermissions(dir);
      if (!now.equals(OWNER_ONLY)) {
        Files.setPosixFilePermissions(dir, OWNER_ONLY);
        LOG.info(
            "data directory {} was {}; made it {} (owner only)",
            dir,
            PosixFilePermissions.toString(now),
            PosixFilePermissions.toString(OWNER_ONLY));
      }
    } catch (UnsupportedOperationException e) {
      // not a POSIX file system: nothing to narrow
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the data directory " + dir, e);
    }
  }
}
