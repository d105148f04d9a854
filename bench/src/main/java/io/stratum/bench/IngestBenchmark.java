package io.stratum.bench;

import io.stratum.providers.onnx.OnnxEmbedder;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Time to ingest the sample corpus into an empty data directory (scan, chunk, embed with the in-jar
 * model, index, record), with the embedding model already loaded.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 2)
@Measurement(iterations = 5)
@Fork(
    value = 1,
    jvmArgsAppend = {
      "-Dai.djl.offline=true",
      "-Daws.disableEc2Metadata=true",
      "--add-modules=jdk.incubator.vector",
      "--enable-native-access=ALL-UNNAMED"
    })
public class IngestBenchmark {
  private OnnxEmbedder embedder;

  @Setup
  public void loadModel() {
    embedder = new OnnxEmbedder();
    embedder.embedPassages(List.of("warm up the model"));
  }

  @Benchmark
  public int ingestSampleCorpus() {
    try (Fixture f = new Fixture(embedder)) {
      return f.ingest.chunksEmbedded();
    }
  }
}
