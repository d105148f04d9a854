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
import io.stratum.index.LuceneIndex;
import io.stratum.ingest.IngestReport;
import io.stratum.ingest.Ingestor;
import io.stratum.providers.onnx.OnnxEmbedder;
import io.stratum.retrieval.Retriever;
import io.stratum.store.Database;
import io.stratum.store.DocumentStore;
import io.stratum.store.WorkspaceStore;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;

/**
 * The scale benchmark: the real corpora (GOV.UK ADRs, Prometheus runbooks, NIST 800-53) grown to N
 * chunks, ingested through the real {@link Ingestor}, {@link Database} and {@link CorpusIndex},
 * then queried through the real {@link Retriever}.
 *
 * <p>Synthetic chunk k splices sentences from two real chunks, so its terms are real text. Its
 * vector is the normalized sum of the two real chunks' bge-small vectors plus a little seeded
 * noise: embedding 100 000 chunks with the in-jar model takes longer than the benchmark should (the
 * rate it would run at is measured separately, on the real chunks, and printed first). Query
 * vectors come from the real model, so query latency includes embedding the question.
 *
 * <pre>
 *   bench/run.sh scale [chunks] [shared-dir]     e.g. bench/run.sh scale 100000 ../shared
 * </pre>
 */
public final class ScaleHarness {
  private static final String WS = "scale";
  private static final int QUERIES = 300;

  private ScaleHarness() {}

  public static void main(String[] args) throws Exception {
    int target = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
    Path shared = Path.of(args.length > 1 ? args[1] : "../shared");
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

    Random random = new Random(42);
    Map<String, float[]> byText = new HashMap<>();
    List<SourceDocument> docs = new ArrayList<>();
    List<String> queries = new ArrayList<>();
    for (int k = 0; k < target; k++) {
      int a = random.nextInt(texts.size());
      int b = random.nextInt(texts.size());
      String body = splice(texts.get(a), texts.get(b), random);
      String title = "synthetic " + k;
      List<Chunk> chunks = chunker.split(title, body);
      for (Chunk c : chunks) {
        byText.put(c.embeddingText(), mix(vectors.get(a), vectors.get(b), random));
      }
      docs.add(
          new SourceDocument(
              WS + ":syn/" + k,
              WS,
              "markdown",
              "syn/" + k + ".md",
              title,
              "",
              "",
              body,
              Integer.toHexString(body.hashCode()),
              Map.of()));
      if (queries.size() < QUERIES && k % (target / QUERIES + 1) == 0) {
        queries.add(real.get(random.nextInt(real.size())).title());
      }
    }
    Embedder precomputed = new Precomputed(onnx, byText);

    Path dir = Files.createTempDirectory("stratum-scale");
    try (Database store = Database.sqliteIn(dir);
        CorpusIndex index = LuceneIndex.open(dir.resolve("index"), precomputed)) {
      Connector connector =
          new Connector() {
            @Override
            public String name() {
              return "scale";
            }

            @Override
            public Scan scan() {
              return new Scan(docs, List.of());
            }
          };
      long peak = 0;
      long start = System.nanoTime();
      IngestReport report =
          new Ingestor(
                  new WorkspaceStore(store.sql()), new DocumentStore(store.sql()), index, chunker)
              .ingest(connector, p -> {});
      double ingestSeconds = (System.nanoTime() - start) / 1e9;
      peak = Math.max(peak, ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed());
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
          "index size on disk: %.1f MB; store: %.1f MB%n",
          size(dir.resolve("index")) / 1e6,
          (size(dir) - size(dir.resolve("index"))) / 1e6);

      Retriever retriever = new Retriever(index);
      for (int i = 0; i < 50; i++) {
        retriever.retrieve(queries.get(i % queries.size()), Set.of(WS), 6);
      }
      long[] micros = new long[queries.size() * 2];
      for (int i = 0; i < micros.length; i++) {
        long s = System.nanoTime();
        retriever.retrieve(queries.get(i % queries.size()), Set.of(WS), 6);
        micros[i] = (System.nanoTime() - s) / 1_000;
      }
      Arrays.sort(micros);
      System.out.printf(
          Locale.ROOT,
          "query (embed question + BM25 + HNSW + fusion, k=6, 1 thread, %d queries): p50 %.1f ms, p99 %.1f ms, max %.1f ms%n",
          micros.length,
          micros[micros.length / 2] / 1e3,
          micros[(int) (micros.length * 0.99)] / 1e3,
          micros[micros.length - 1] / 1e3);
      System.gc();
      long live = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
      System.out.printf(
          Locale.ROOT,
          "heap: %.0f MB live after GC with the index open (max heap %.0f MB)%n",
          live / 1e6,
          Runtime.getRuntime().maxMemory() / 1e6);
    } finally {
      try (Stream<Path> files = Files.walk(dir)) {
        files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      }
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

  private static long size(Path dir) throws IOException {
    try (Stream<Path> files = Files.walk(dir)) {
      return files.filter(Files::isRegularFile).mapToLong(p -> p.toFile().length()).sum();
    }
  }

  /** Passage vectors from the table built above; queries from the real model. */
  private record Precomputed(OnnxEmbedder model, Map<String, float[]> byText) implements Embedder {
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
      List<float[]> out = new ArrayList<>(passages.size());
      for (String p : passages) {
        float[] v = byText.get(p);
        if (v == null) {
          throw new IllegalStateException("no precomputed vector for a chunk");
        }
        out.add(v);
      }
      return out;
    }

    @Override
    public double relevanceFloor() {
      return model.relevanceFloor();
    }
  }
}
