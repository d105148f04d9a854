package io.stratum.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.embed.Embedder;
import io.stratum.index.CorpusIndex;
import io.stratum.index.LuceneIndex;
import io.stratum.providers.opensearch.OpenSearchConnection;
import io.stratum.providers.opensearch.OpenSearchIndex;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * The engine the scale benchmark measures: what differs between the embedded index and OpenSearch
 * is how the index is opened and what is read about its size and memory; ingest and queries are the
 * same code.
 */
sealed interface ScaleEngine {
  /** A new, empty index. */
  CorpusIndex open(Embedder embedder);

  /** Bytes of the benchmark's directory that are the index (the rest is the store). */
  long bytesIn(Path dir) throws IOException;

  /** Prints the index's size (and what the engine spent its time on) after ingest. */
  void afterIngest(CorpusIndex index, PrintStream out) throws IOException;

  /** Prints the engine's own memory after the queries (nothing more for the embedded index). */
  void afterQueries(PrintStream out) throws IOException;

  /** The embedded Lucene index, in the harness's JVM. */
  record Embedded(Path dir) implements ScaleEngine {
    @Override
    public CorpusIndex open(Embedder embedder) {
      return LuceneIndex.open(dir.resolve("index"), embedder);
    }

    @Override
    public long bytesIn(Path dir) throws IOException {
      return ScaleHarness.size(dir.resolve("index"));
    }

    @Override
    public void afterIngest(CorpusIndex index, PrintStream out) throws IOException {
      out.printf(Locale.ROOT, "index size on disk: %.1f MB%n", bytesIn(dir) / 1e6);
    }

    @Override
    public void afterQueries(PrintStream out) {}

    @Override
    public String toString() {
      return "embedded Lucene index in " + dir.resolve("index");
    }
  }

  /**
   * A fresh index {@code stratum-bench-RANDOM-chunks-1} on the OpenSearch node at {@code url} (no
   * authentication), which closing the index deletes. Sizes and memory come from the node's APIs;
   * its RSS and a heap figure after a full GC ({@code jcmd PID GC.run}) when it runs on this
   * machine.
   */
  final class OnOpenSearch implements ScaleEngine {
    private static final ObjectMapper JSON = new ObjectMapper();
    private final URI url;
    private final HttpClient http = HttpClient.newHttpClient();
    private String alias;

    OnOpenSearch(URI url) {
      this.url = url;
    }

    @Override
    public CorpusIndex open(Embedder embedder) {
      OpenSearchIndex index =
          OpenSearchIndex.scratch(
              new OpenSearchConnection(url, new OpenSearchConnection.None()),
              "stratum-bench",
              embedder);
      alias = index.alias();
      return index;
    }

    @Override
    public long bytesIn(Path dir) {
      return 0;
    }

    @Override
    public void afterIngest(CorpusIndex index, PrintStream out) {
      JsonNode cat = get("/_cat/indices/" + alias + "?bytes=b&format=json").path(0);
      out.printf(
          Locale.ROOT,
          "index %s: %s documents, store.size %.1f MB (_cat/indices)%n",
          cat.path("index").asText(),
          cat.path("docs.count").asText(),
          cat.path("store.size").asLong() / 1e6);
      JsonNode p =
          get("/" + alias + "/_stats/indexing,refresh,merge,flush,search,segments")
              .path("_all")
              .path("primaries");
      out.printf(
          Locale.ROOT,
          "  node time: indexing %.1f s; refresh %.1f s (%d); merges %.1f s (%d); flush %.1f s (%d);"
              + " searches (delete-by-query before each bulk) %.1f s (%d); %d segments%n",
          p.path("indexing").path("index_time_in_millis").asLong() / 1e3,
          p.path("refresh").path("total_time_in_millis").asLong() / 1e3,
          p.path("refresh").path("total").asLong(),
          p.path("merges").path("total_time_in_millis").asLong() / 1e3,
          p.path("merges").path("total").asLong(),
          p.path("flush").path("total_time_in_millis").asLong() / 1e3,
          p.path("flush").path("total").asLong(),
          p.path("search").path("query_time_in_millis").asLong() / 1e3,
          p.path("search").path("query_total").asLong(),
          p.path("segments").path("count").asLong());
    }

    @Override
    public void afterQueries(PrintStream out) throws IOException {
      JsonNode jvm = first(get("/_nodes/_local/stats/jvm")).path("jvm").path("mem");
      long pid = first(get("/_nodes/_local/process")).path("process").path("id").asLong(-1);
      String afterGc = "";
      Path jcmd = Path.of(System.getProperty("java.home"), "bin", "jcmd");
      if (pid > 0 && Files.isDirectory(Path.of("/proc", String.valueOf(pid)))) {
        if (Files.isExecutable(jcmd) && run(jcmd.toString(), String.valueOf(pid), "GC.run")) {
          sleep(); // the node caches its JVM stats for a second (monitor.jvm.refresh_interval)
          long used =
              first(get("/_nodes/_local/stats/jvm"))
                  .path("jvm")
                  .path("mem")
                  .path("heap_used_in_bytes")
                  .asLong();
          afterGc = String.format(Locale.ROOT, ", %.0f MB after a full GC", used / 1e6);
        }
      }
      out.printf(
          Locale.ROOT,
          "node: heap used %.0f MB of %.0f MB (_nodes/stats/jvm)%s%n",
          jvm.path("heap_used_in_bytes").asLong() / 1e6,
          jvm.path("heap_max_in_bytes").asLong() / 1e6,
          afterGc);
      JsonNode knn = first(get("/_plugins/_knn/stats"));
      out.printf(
          Locale.ROOT,
          "node: k-NN native graph memory %d KB (%s%% of the k-NN cache); graph index requests %d,"
              + " query requests %d (_plugins/_knn/stats)%n",
          knn.path("graph_memory_usage").asLong(),
          knn.path("graph_memory_usage_percentage").asText("?"),
          knn.path("graph_index_requests").asLong(),
          knn.path("graph_query_requests").asLong());
      if (pid > 0) {
        out.printf(Locale.ROOT, "node: pid %d, %s%n", pid, ScaleEngine.rss(String.valueOf(pid)));
      }
    }

    private static JsonNode first(JsonNode nodesReply) {
      return nodesReply.path("nodes").elements().next();
    }

    private JsonNode get(String path) {
      try {
        HttpResponse<String> r =
            http.send(
                HttpRequest.newBuilder(url.resolve(path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() >= 300) {
          throw new IllegalStateException("GET " + path + ": " + r.statusCode() + " " + r.body());
        }
        return JSON.readTree(r.body());
      } catch (IOException e) {
        throw new UncheckedIOException("GET " + path, e);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }

    private static void sleep() {
      try {
        Thread.sleep(1_500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    private static boolean run(String... command) {
      try {
        Process p =
            new ProcessBuilder(List.of(command))
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                .start();
        return p.waitFor(60, TimeUnit.SECONDS) && p.exitValue() == 0;
      } catch (IOException e) {
        return false;
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return false;
      }
    }

    @Override
    public String toString() {
      return "OpenSearch at " + url + " (index stratum-bench-RANDOM-chunks-1, deleted at the end)";
    }
  }

  /** {@code VmRSS} of a process ({@code self}: this one), with its anonymous and file parts. */
  static String rss(String pid) {
    try {
      List<String> lines = Files.readAllLines(Path.of("/proc", pid, "status"));
      StringBuilder out = new StringBuilder();
      for (String key : List.of("VmRSS", "RssAnon", "RssFile")) {
        for (String line : lines) {
          if (line.startsWith(key + ":")) {
            long kb = Long.parseLong(line.replaceAll("[^0-9]", ""));
            out.append(out.isEmpty() ? "" : ", ")
                .append(String.format(Locale.ROOT, "%s %.0f MB", key, kb / 1e3));
          }
        }
      }
      return out.toString();
    } catch (IOException | RuntimeException e) {
      return "RSS unknown (" + e + ")";
    }
  }
}
