package io.stratum.app.cli;

import io.stratum.app.Engine;
import io.stratum.app.Stratum;
import io.stratum.app.config.ConfigLoader;
import io.stratum.app.config.Environment;
import io.stratum.app.config.ModelConfig;
import io.stratum.app.config.Settings;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --data DIR} and {@code --config FILE}, shared by every command that opens Stratum. */
public final class DataOption {
  @Option(
      names = "--data",
      paramLabel = "DIR",
      description = "Data directory (default: $STRATUM_DATA, else ./stratum-data).")
  Path data;

  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Model configuration, .tfvars or .tfvars.json (default: $STRATUM_CONFIG, else ./terraform.tfvars when present, else embedded defaults).")
  Path config;

  ModelConfig modelConfig() {
    return Engine.loadConfig(ConfigLoader.locate(config, Environment.get()), Environment.get());
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
