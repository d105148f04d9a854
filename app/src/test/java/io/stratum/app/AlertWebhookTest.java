package io.stratum.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import io.stratum.budget.BudgetAlert;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.YearMonth;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class AlertWebhookTest {
  @Test
  void an_alert_is_posted_as_json_and_retried_when_the_receiver_fails() throws Exception {
    List<String> bodies = new CopyOnWriteArrayList<>();
    AtomicInteger calls = new AtomicInteger();
    HttpServer server =
        HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext(
        "/hook",
        ex -> {
          bodies.add(new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8));
          ex.sendResponseHeaders(calls.incrementAndGet() == 1 ? 503 : 204, -1);
          ex.close();
        });
    server.start();
    try {
      AlertWebhook hook =
          new AlertWebhook(
              URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/hook"),
              Duration.ofMillis(10));

      hook.accept(
          new BudgetAlert(
              "security",
              YearMonth.of(2026, 11),
              80,
              new BigDecimal("41.5"),
              new BigDecimal("50")));
      long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
      while (bodies.size() < 2 && System.nanoTime() < deadline) {
        Thread.sleep(10);
      }

      assertThat(bodies).hasSize(2);
      assertThat(bodies.get(1))
          .isEqualTo(
              "{\"kind\":\"stratum.budget.threshold\",\"workspace\":\"security\",\"month\":\"2026-11\",\"thresholdPercent\":80,\"spentUsd\":41.5,\"capUsd\":50}");
    } finally {
      server.stop(0);
    }
  }
}
