package io.stratum.app.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR}, shared by every command that opens the data directory. */
public final class DataOption {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory (default: $STRATUM_DATA, else ./stratum-data).")
  Path data;
}
