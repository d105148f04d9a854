package io.stratum.budget;

import io.stratum.dispatch.Usage;
import java.util.List;

/** One model call to bill: who, where, which model on which tier and backend, what it used. */
public record UsageRow(
    String workspace, String principal, String modelId, String tier, String backend, Usage usage) {

  /** The bill for one call: nothing when no model ran (a refusal before any call costs nothing). */
  public static List<UsageRow> billable(
      String workspace, String principal, String modelId, String tier, String backend, Usage u) {
    return u.total() == 0
        ? List.of()
        : List.of(new UsageRow(workspace, principal, modelId, tier, backend, u));
  }
}
