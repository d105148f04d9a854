package io.stratum.bench;

import io.stratum.chunk.Chunk;
import io.stratum.chunk.Chunker;
import io.stratum.corpus.AdrConnector;
import io.stratum.corpus.Connector;
import io.stratum.corpus.OscalConnector;
import io.stratum.corpus.RunbookConnector;
import io.stratum.corpus.Scan;
import io.stratum.corpus.SourceDocument;
import io.stratum.embed.Embedder;
import io.stratum.index.CorpusIndex;
import io.stratum.ingest.IngestReport;
import io.stratum.ingest.Ingestor;
import io.stratum.providers.onnx.OnnxEmbedder;
import io.stratum.retrieval.Retriever;
import io.stratum.store.Database;
import io.stratum.store.DocumentStore;
import io.stratum.store.WorkspaceStore;
import java.lang.management.ManagementFactory;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.AbstractList;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The scale benchmark: the real corpora (GOV.UK ADRs, Prometheus runbooks, NIST 800-53) grown to N
 * chunks, ingested through the real {@link Ingestor}, {@link Database} and {@link CorpusIndex},
 * then queried through the real {@link Retriever}; on the embedded Lucene index, or with {@code
 * --index-url} on OpenSearch (a fresh index {@code stratum-bench-RANDOM-chunks-1}, deleted at the
 * end). Everything after opening the index is the same code for both engines ({@link ScaleEngine}).
 *
 * <p>Synthetic document k splices sentences from two real chunks, so its terms are real text. Its
 * vector is the normalized sum of the two real chunks' bge-small vectors plus a little seeded
 * noise: embedding 100 000 chunks with the in-jar model takes longer than the benchmark should (the
 * rate it would run at is measured separately, on the real chunks, and printed first). Documents
 * and their vectors are generated from k when asked for, so the fixture holds no more than the real
 * chunks' vectors. Query vectors come from the real model, so query latency includes embedding the
 * question.
 *
 * <pre>
 *   bench/run.sh scale [chunks] [shared-dir] [--index-url http://HOST:PORT] [--commit-every DOCS]
 *   e.g. bench/run.sh scale 100000 ../shared
 * </pre>
 *
 * <p>{@code --commit-every} lets the index commit only every DOCS documents instead of at each of
 * the Ingestor's commits (every 32 documents), to measure what the commit cadence costs and to
 * build a large index sooner; the store still records every document.
 */
public final class ScaleHarness {
  static final String WS = "scale";
  private static final int QUERIES = 300;
  private static final int K = 6;

  private ScaleHarness() {}

  public static void main(String[] args) throws Exception {
    List<String> positional = new ArrayList<>();
    URI indexUrl = null;
    int commitEvery = 0;
    for (int i = 0; i < args.length; i++) {
      if (args[i].equals("--index-url") && i + 1 < args.length) {
        indexUrl = URI.create(args[++i]);
      } else if (args[i].equals("--commit-every") && i + 1 < args.length) {
        commitEvery = Integer.parseInt(args[++i]);
      } else {
        positional.add(args[i]);
      }
    }
    int target = positional.size() > 0 ? Integer.parseInt(positional.get(0)) : 100_000;
    Path shared = Path.of(positional.size() > 1 ? positional.get(1) : "../shared");
    Path corpora = shared.resolve("data/corpora");
    Chunker chunker = new Chunker(1200);
    OnnxEmbedder onnx = new OnnxEmbedder();

    List<SourceDocument> real = new ArrayList<>();
    for (Connector c :
        List.of(
            AdrConnector.into(corpora.resolve("govuk-aws-adrs/docs"), WS),
            RunbookConnector.into(corpora.resolve("prometheus-operator-runbooks/content"), WS),
            OscalConnector.into(
                corpora.resolve(
                    "nist-800-53-rev5-oscal/NIST_SP-800-53_rev5_MODERATE-baseline-resolved-profile_catalog.json"),
                WS))) {
      real.addAll(c.scan().documents());
    }
    List<String> texts = new ArrayList<>();
    for (SourceDocument d : real) {
      for (Chunk c : chunker.split(d.title(), d.body())) {
        texts.add(c.text());
      }
    }
    onnx.embedQuery("warm up");
    long t0 = System.nanoTime();
    List<float[]> vectors = onnx.embedPassages(texts);
    double embedSeconds = (System.nanoTime() - t0) / 1e9;
    System.out.printf(
        Locale.ROOT,
        "real chunks: %d from %d documents; bge-small embedding: %.1f s, %.1f chunks/s%n",
        texts.size(),
        real.size(),
        embedSeconds,
        texts.size() / embedSeconds);

    Synthetic synthetic = new Synthetic(texts, vectors, target);
    Random random = new Random(42);
    List<String> queries = new ArrayList<>();
    for (int i = 0; i < QUERIES; i++) {
      queries.add(real.get(random.nextInt(real.size())).title());
    }

    Path dir = Files.createTempDirectory("stratum-scale");
    ScaleEngine engine =
        indexUrl == null ? new ScaleEngine.Embedded(dir) : new ScaleEngine.OnOpenSearch(indexUrl);
    System.out.println("engine: " + engine);
    System.out.println(
        commitEvery == 0
            ? "index commits: the Ingestor's own (every 32 documents)"
            : "index commits: every " + commitEvery + " documents (--commit-every)");
    Embedder precomputed = new Precomputed(onnx, synthetic);
    try (Database store = Database.sqliteIn(dir);
        TimedIndex index = new TimedIndex(engine.open(precomputed), commitEvery)) {
      Connector connector =
          new Connector() {
            @Override
            public String name() {
              return "scale";
            }

            @Override
            public Scan scan() {
              return new Scan(synthetic.documents(), List.of());
            }
          };
      long start = System.nanoTime();
      int every = Math.max(1, target / 10);
      IngestReport report =
          new Ingestor(
                  new WorkspaceStore(store.sql()), new DocumentStore(store.sql()), index, chunker)
              .ingest(
                  connector,
                  p -> {
                    if (p.done() % every == 0) {
                      System.err.printf(
                          Locale.ROOT,
                          "  ingested %,d of %,d documents, %.0f chunks/s so far%n",
                          p.done(),
                          p.total(),
                          p.chunkRate());
                    }
                  });
      index.commitNow();
      double ingestSeconds = (System.nanoTime() - start) / 1e9;
      System.out.printf(
          Locale.ROOT,
          "ingest: %d documents, %d chunks in %.1f s = %.0f chunks/s (vectors precomputed); problems %d%n",
          report.scanned(),
          report.chunksEmbedded(),
          ingestSeconds,
          report.chunksEmbedded() / ingestSeconds,
          report.problems().size());
      System.out.printf(
          Locale.ROOT,
          "  of which in the index's commit(): %.1f s over %d commits (%.0f%%)%n",
          index.commitNanos / 1e9,
          index.commits,
          100 * index.commitNanos / 1e9 / ingestSeconds);
      engine.afterIngest(index.inner, System.out);
      System.out.printf(
          Locale.ROOT, "store (SQLite): %.1f MB%n", (size(dir) - engine.bytesIn(dir)) / 1e6);

      Retriever retriever = new Retriever(index);
      for (int i = 0; i < 50; i++) {
        retriever.retrieve(queries.get(i % queries.size()), Set.of(WS), K);
      }
      long[] micros = new long[queries.size() * 2];
      for (int i = 0; i < micros.length; i++) {
        long s = System.nanoTime();
        retriever.retrieve(queries.get(i % queries.size()), Set.of(WS), K);
        micros[i] = (System.nanoTime() - s) / 1_000;
      }
      Arrays.sort(micros);
      System.out.printf(
          Locale.ROOT,
          "query (embed question + BM25 + HNSW + fusion, k=%d, 1 thread, %d queries): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          K,
          micros.length,
          micros[micros.length / 2] / 1e3,
          micros[(int) (micros.length * 0.99)] / 1e3,
          micros[micros.length - 1] / 1e3);
      System.gc();
      long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      System.out.printf(
          Locale.ROOT,
          "harness: heap %.0f MB live after GC with the index open (max heap %.0f MB); %s%n",
          live / 1e6,
          Runtime.getRuntime().maxMemory() / 1e6,
          ScaleEngine.rss("self"));
      engine.afterQueries(System.out);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
    }
  }

  static long size(Path dir) throws java.io.IOException {
    if (!Files.exists(dir)) {
      return 0;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /**
   * The grown corpus: document k and the vectors of its chunks, made from k alone, the same each
   * time they are asked for.
   */
  private record Synthetic(List<String> texts, List<float[]> vectors, int count) {
    private static final String TITLE = "synthetic ";

    List<SourceDocument> documents() {
      return new AbstractList<>() {
        @Override
        public SourceDocument get(int k) {
          return document(k);
        }

        @Override
        public int size() {
          return count;
        }
      };
    }

    SourceDocument document(int k) {
      Random random = random(k);
      String body =
          splice(
              texts.get(random.nextInt(texts.size())),
              texts.get(random.nextInt(texts.size())),
              random);
      return new SourceDocument(
          WS + ":syn/" + k,
          WS,
          "markdown",
          "syn/" + k + ".md",
          TITLE + k,
          "",
          "",
          body,
          Integer.toHexString(body.hashCode()),
          Map.of());
    }

    /** The vector of a chunk of a synthetic document, from its embedding text. */
    float[] vector(String embeddingText) {
      if (!embeddingText.startsWith(TITLE)) {
        throw new IllegalStateException("not a synthetic chunk: " + embeddingText);
      }
      int end = TITLE.length();
      while (end < embeddingText.length() && Character.isDigit(embeddingText.charAt(end))) {
        end++;
      }
      int k = Integer.parseInt(embeddingText.substring(TITLE.length(), end));
      Random random = random(k);
      float[] a = vectors.get(random.nextInt(texts.size()));
      float[] b = vectors.get(random.nextInt(texts.size()));
      return mix(a, b, new Random(random.nextLong() ^ embeddingText.hashCode()));
    }

    private static Random random(int k) {
      return new Random(0x9E3779B97F4A7C15L * (k + 1L));
    }
  }

  private static String splice(String a, String b, Random random) {
    String[] as = a.split("(?<=[.!?])\\s+");
    String[] bs = b.split("(?<=[.!?])\\s+");
    StringBuilder out = new StringBuilder();
    int i = 0;
    int j = 0;
    while ((i < as.length || j < bs.length) && out.length() < 1000) {
      if (j >= bs.length || (i < as.length && random.nextBoolean())) {
        out.append(as[i++]).append(' ');
      } else {
        out.append(bs[j++]).append(' ');
      }
    }
    return out.toString().strip();
  }

  private static float[] mix(float[] a, float[] b, Random random) {
    float[] v = new float[a.length];
    double norm = 0;
    for (int i = 0; i < v.length; i++) {
      v[i] = a[i] + b[i] + (float) (random.nextGaussian() * 0.02);
      norm += v[i] * v[i];
    }
    float n = (float) Math.sqrt(norm);
    for (int i = 0; i < v.length; i++) {
      v[i] /= n;
    }
    return v;
  }

  /** Passage vectors made from the synthetic documents; queries from the real model. */
  private record Precomputed(OnnxEmbedder model, Synthetic synthetic) implements Embedder {
    @Override
    public String modelId() {
      return model.modelId();
    }

    @Override
    public int dimension() {
      return model.dimension();
    }

    @Override
    public float[] embedQuery(String query) {
      return model.embedQuery(query);
    }

    @Override
    public List<float[]> embedPassages(List<String> passages) {
      return passages.stream().map(synthetic::vector).toList();
    }

    @Override
    public double relevanceFloor() {
      return model.relevanceFloor();
    }
  }
}
