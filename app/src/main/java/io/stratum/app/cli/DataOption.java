package io.stratum.app.cli;

import io.stratum.app.Engine;
import io.stratum.app.Stratum;
import io.stratum.app.config.Environment;
import io.stratum.app.config.ModelConfig;
import io.stratum.app.config.Settings;
import java.nio.file.Path;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code --data DIR} and {@code --config FILE}, shared by every command that opens Stratum. */
public final class DataOption {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory (default: $STRATUM_DATA, else ./stratum-data).")
  Path data;

  @Mixin ConfigOption config;

  ModelConfig modelConfig() {
    return config.modelConfig();
  }

  /** Opens Stratum on the data directory with the configured models. */
  Stratum open(Settings settings) {
    return Engine.open(settings.dataDir(), modelConfig(), Environment.get());
  }

  /** As {@link #open}, for a long-running server that bills, at its next start, what it left. */
  Stratum openServer(Settings settings) {
    return Engine.open(settings.dataDir(), modelConfig(), Environment.get(), true);
  }
}
