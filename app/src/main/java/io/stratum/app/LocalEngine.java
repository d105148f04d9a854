package io.stratum.app;

import io.stratum.providers.local.ExtractiveModel;
import io.stratum.providers.onnx.OnnxEmbedder;
import java.nio.file.Path;

/** The embedded defaults: in-jar ONNX embeddings and the local extractive answer model. */
public final class LocalEngine {
  private LocalEngine() {}

  public static Stratum open(Path dataDir) {
    return Stratum.open(dataDir, new OnnxEmbedder(), new ExtractiveModel());
  }
}
