package io.stratum.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One load: {@code concurrency} virtual threads, each sending the same POST back to back over its
 * own keep-alive connection for a fixed time, every latency recorded. A non-200 answer or a body
 * without {@code expect} counts as an error.
 */
final class LoadRun {
  /** What a load measured. */
  record Result(long requests, long errors, double seconds, long[] nanos) {
    double throughput() {
      return requests / seconds;
    }

    double percentileMillis(double p) {
      if (nanos.length == 0) {
        return Double.NaN;
      }
      int i = (int) Math.min(nanos.length - 1, Math.ceil(p / 100.0 * nanos.length) - 1);
      return nanos[Math.max(0, i)] / 1e6;
    }
  }

  private final URI uri;
  private final Map<String, String> headers;
  private final String body;
  private final String expect;

  LoadRun(String url, Map<String, String> headers, String body, String expect) {
    this.uri = URI.create(url);
    this.headers = headers;
    this.body = body;
    this.expect = expect;
  }

  /** One request, checked: for a sanity check before a load. */
  String once() throws Exception {
    try (HttpClient http = client()) {
      HttpResponse<String> r = http.send(request(), HttpResponse.BodyHandlers.ofString());
      if (r.statusCode() != 200 || !r.body().contains(expect)) {
        throw new IllegalStateException(uri + " answered " + r.statusCode() + ": " + r.body());
      }
      return r.body();
    }
  }

  Result run(int concurrency, Duration length) throws InterruptedException {
    List<long[]> perThread = new ArrayList<>();
    AtomicLong errors = new AtomicLong();
    List<Thread> threads = new ArrayList<>();
    long start = System.nanoTime();
    long end = start + length.toNanos();
    for (int t = 0; t < concurrency; t++) {
      long[][] box = new long[1][];
      perThread.add(null);
      int slot = t;
      threads.add(
          Thread.ofVirtual()
              .start(
                  () -> {
                    long[] lat = new long[1 << 16];
                    int n = 0;
                    try (HttpClient http = client()) {
                      HttpRequest req = request();
                      while (System.nanoTime() < end) {
                        long t0 = System.nanoTime();
                        try {
                          HttpResponse<String> r =
                              http.send(req, HttpResponse.BodyHandlers.ofString());
                          if (r.statusCode() != 200 || !r.body().contains(expect)) {
                            errors.incrementAndGet();
                            continue;
                          }
                        } catch (Exception e) {
                          errors.incrementAndGet();
                          continue;
                        }
                        if (n == lat.length) {
                          lat = Arrays.copyOf(lat, n * 2);
                        }
                        lat[n++] = System.nanoTime() - t0;
                      }
                    }
                    box[0] = Arrays.copyOf(lat, n);
                    synchronized (perThread) {
                      perThread.set(slot, box[0]);
                    }
                  }));
    }
    for (Thread t : threads) {
      t.join();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    long[] all = perThread.stream().flatMapToLong(Arrays::stream).sorted().toArray();
    return new Result(all.length, errors.get(), seconds, all);
  }

  private HttpClient client() {
    return HttpClient.newBuilder()
        .version(HttpClient.Version.HTTP_1_1)
        .connectTimeout(Duration.ofSeconds(5))
        .build();
  }

  private HttpRequest request() {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(uri)
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body));
    headers.forEach(b::header);
    return b.build();
  }
}
