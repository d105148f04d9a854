package io.stratum.app;

import java.nio.file.Path;

/** Another server already serves the data directory; the message says what to do instead. */
public final class DataDirectoryInUseException extends RuntimeException {
  public DataDirectoryInUseException(Path dataDir) {
    super(
        "another Stratum server is using the data directory "
            + dataDir
            + "; stop it first (the CLI works beside it, a second server does not)");
  }
}
