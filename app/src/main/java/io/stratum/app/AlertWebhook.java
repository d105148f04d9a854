package io.stratum.app;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.stratum.budget.BudgetAlert;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Posts each budget alert as JSON to {@code stratum_budget_webhook_url}, off the request path, with
 * three attempts; a webhook that stays down is logged, and the request that crossed the threshold
 * is never slowed or failed by it.
 */
final class AlertWebhook implements Consumer<BudgetAlert> {
  static final int ATTEMPTS = 3;
  private static final Logger LOG = LoggerFactory.getLogger(AlertWebhook.class);
  private static final ObjectMapper JSON = new ObjectMapper();
  private final URI url;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  private final Duration backoff;

  AlertWebhook(URI url, Duration backoff) {
    this.url = url;
    this.backoff = backoff;
  }

  @Override
  public void accept(BudgetAlert a) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("kind", "stratum.budget.threshold");
    body.put("workspace", a.workspace());
    body.put("month", a.month().toString());
    body.put("thresholdPercent", a.thresholdPercent());
    body.put("spentUsd", a.spent());
    body.put("capUsd", a.cap());
    String json;
    try {
      json = JSON.writeValueAsString(body);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
    CompletableFuture.runAsync(() -> deliver(json, a));
  }

  private void deliver(String json, BudgetAlert a) {
    HttpRequest request =
        HttpRequest.newBuilder(url)
            .timeout(Duration.ofSeconds(10))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(json))
            .build();
    String last = "";
    for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
      try {
        int status = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        if (status / 100 == 2) {
          return;
        }
        last = "HTTP " + status;
      } catch (IOException e) {
        last = e.toString();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      try {
        Thread.sleep(backoff.multipliedBy(attempt));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
    LOG.warn(
        "budget webhook {} failed {} times for workspace '{}' at {}%: {}",
        url.getHost(), ATTEMPTS, a.workspace(), a.thresholdPercent(), last);
  }
}
