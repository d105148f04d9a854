package io.stratum.app;

import io.stratum.app.config.ModelConfig;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/** The embedded defaults: in-jar embeddings and the local answer model, behind the dispatcher. */
public final class LocalEngine {
  private LocalEngine() {}

  public static Stratum open(Path dataDir) {
    ModelConfig defaults = Engine.loadConfig(Optional.empty(), Map.of());
    return Engine.open(dataDir, defaults, Map.of());
  }
}
