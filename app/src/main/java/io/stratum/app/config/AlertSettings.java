package io.stratum.app.config;

import java.net.URI;

/**
 * Where budget alerts go besides the log.
 *
 * @param budgetWebhook {@code stratum_budget_webhook_url}: alerts are POSTed here as JSON, or null
 */
public record AlertSettings(URI budgetWebhook) {
  static AlertSettings read(Values v) {
    return new AlertSettings(v.get(ServiceKeys.BUDGET_WEBHOOK));
  }
}
