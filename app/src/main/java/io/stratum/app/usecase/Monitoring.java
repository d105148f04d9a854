package io.stratum.app.usecase;

import io.stratum.access.Principal;
import java.util.function.Supplier;

/**
 * The server's metrics (requests by route, tokens and cost by model and workspace), for org admins
 * only: they name every workspace and what it spends.
 */
public final class Monitoring {
  private final Guard guard;
  private final Supplier<String> scrape;

  /**
   * @param scrape the metrics in the Prometheus text format
   */
  public Monitoring(Guard guard, Supplier<String> scrape) {
    this.guard = guard;
    this.scrape = scrape;
  }

  public String scrape(Principal who) {
    guard.requireOrgAdmin(who, "read metrics", "metrics.read", "");
    return scrape.get();
  }
}
