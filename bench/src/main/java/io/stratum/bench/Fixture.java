package io.stratum.bench;

import io.stratum.app.SampleCorpus;
import io.stratum.app.Setup;
import io.stratum.app.Stratum;
import io.stratum.app.config.RateLimits;
import io.stratum.corpus.MarkdownConnector;
import io.stratum.embed.Embedder;
import io.stratum.ingest.IngestReport;
import io.stratum.providers.local.ExtractiveModel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** A data directory with the sample corpus ingested, for benchmarks. */
final class Fixture implements AutoCloseable {
  final Path dir;
  final Stratum stratum;
  final IngestReport ingest;

  Fixture(Embedder embedder) {
    try {
      dir = Files.createTempDirectory("stratum-bench");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Path corpus = SampleCorpus.extractTo(dir.resolve("sample-corpus"));
    // Unlimited: a benchmark's one principal asks faster than the standard limits allow.
    stratum =
        Stratum.open(
            dir.resolve("data"), Setup.of(embedder, new ExtractiveModel()).with(RateLimits.NONE));
    ingest = stratum.documents().ingest(MarkdownConnector.byDirectory(corpus), p -> {});
  }

  @Override
  public void close() {
    stratum.close();
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
