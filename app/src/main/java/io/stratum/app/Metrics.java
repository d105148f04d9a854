package io.stratum.app;

import io.prometheus.metrics.core.metrics.Counter;
import io.prometheus.metrics.core.metrics.Histogram;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.registry.PrometheusRegistry;
import io.stratum.budget.Budgets;
import io.stratum.dispatch.Usage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/**
 * What {@code /metrics} shows, in the Prometheus text format: HTTP requests and their latency by
 * route, and model tokens and cost by model and workspace. Model labels use the OpenTelemetry GenAI
 * attribute names ({@code gen_ai.request.model}, {@code gen_ai.token.type}) with dots as
 * underscores, as OpenTelemetry's Prometheus exporter writes them.
 */
public final class Metrics {
  public static final String CONTENT_TYPE = PrometheusTextFormatWriter.CONTENT_TYPE;
  private final PrometheusRegistry registry = new PrometheusRegistry();
  private final Counter requests =
      Counter.builder()
          .name("stratum_http_requests_total")
          .help("HTTP requests by method, route and status")
          .labelNames("http_request_method", "http_route", "http_response_status_code")
          .register(registry);
  private final Histogram latency =
      Histogram.builder()
          .name("stratum_http_request_duration_seconds")
          .help("HTTP request duration by method and route (streams: until the last event)")
          .labelNames("http_request_method", "http_route")
          .register(registry);
  private final Counter tokens =
      Counter.builder()
          .name("gen_ai_client_token_usage_total")
          .help("Tokens used by model calls, by model, token type and workspace")
          .labelNames("gen_ai_request_model", "gen_ai_token_type", "stratum_workspace")
          .register(registry);
  private final Counter cost =
      Counter.builder()
          .name("stratum_model_cost_usd_total")
          .help("Cost of model calls in USD, by model, tier and workspace")
          .labelNames("gen_ai_request_model", "stratum_tier", "stratum_workspace")
          .register(registry);

  private final Counter answers =
      Counter.builder()
          .name("stratum_answers_total")
          .help(
              "Answered turns by workspace and outcome (success, refused, incomplete, failure);"
                  + " incomplete: reasoning spent the whole output budget and left no text")
          .labelNames("stratum_workspace", "stratum_outcome")
          .register(registry);

  /** One answered turn of {@code workspace} and how it ended. */
  public void answered(String workspace, String outcome) {
    answers.labelValues(workspace, outcome).inc();
  }

  public void request(String method, String route, int status, double seconds) {
    requests.labelValues(method, route, String.valueOf(status)).inc();
    latency.labelValues(method, route).observe(seconds);
  }

  void billed(Budgets.Billed b) {
    Usage u = b.row().usage();
    String model = b.row().modelId();
    String ws = b.row().workspace();
    tokens.labelValues(model, "input", ws).inc(u.input());
    tokens.labelValues(model, "output", ws).inc(u.output());
    tokens.labelValues(model, "reasoning", ws).inc(u.reasoning());
    tokens.labelValues(model, "cache_read", ws).inc(u.cacheRead());
    tokens.labelValues(model, "cache_write", ws).inc(u.cacheWrite());
    cost.labelValues(model, b.row().tier(), ws).inc(b.cost().doubleValue());
  }

  public String scrape() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      PrometheusTextFormatWriter.create().write(out, registry.scrape());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toString(StandardCharsets.UTF_8);
  }
}
