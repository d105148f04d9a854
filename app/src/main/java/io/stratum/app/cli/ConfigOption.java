package io.stratum.app.cli;

import io.stratum.app.Engine;
import io.stratum.app.config.ConfigLoader;
import io.stratum.app.config.Environment;
import io.stratum.app.config.ModelConfig;
import java.nio.file.Path;
import picocli.CommandLine.Option;

/** {@code --config FILE}, shared by every command that reaches a model or opens Stratum. */
public final class ConfigOption {
  @Option(
      names = "--config",
      paramLabel = "FILE",
      description =
          "Model configuration, .tfvars or .tfvars.json (default: $STRATUM_CONFIG, else"
              + " ./terraform.tfvars when present, else embedded defaults).")
  Path config;

  ModelConfig modelConfig() {
    return Engine.loadConfig(ConfigLoader.locate(config, Environment.get()), Environment.get());
  }
}
